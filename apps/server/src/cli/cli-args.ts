import { STAFF_ROLES, StaffRole } from '@grants/core';
import { MIN_PASSWORD_LENGTH } from '@grants/identity';
import { parseArgs } from 'node:util';

export const USAGE = [
  'Usage:',
  '  npm run cli -- user:create --email <email> --role <role> [--role <role>] [--name "<name>"] [--password <password>]',
  '  npm run cli -- user:list',
  '  npm run cli -- ballot:recount <ballotId>',
  `Roles: ${STAFF_ROLES.join(', ')}. Without --password a strong one is generated and shown once.`,
  'Needs DATABASE_URL, like the server.',
].join('\n');

/** Bad input on the command line: one line for the person, exit code 1. */
export class CliUsageError extends Error {}

export type CliCommand =
  | { name: 'help' }
  | { name: 'user:list' }
  | { name: 'ballot:recount'; ballotId: string }
  | {
      name: 'user:create';
      email: string;
      roles: StaffRole[];
      displayName: string;
      password: string | null;
    };

const COMMANDS = ['user:create', 'user:list', 'ballot:recount', 'help'];

export function parseCliArgs(argv: string[]): CliCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    // node:util's messages name the option ("Unknown option '--emial'"); keep them on one line.
    const first = (err as Error).message.split('\n')[0].split('. ')[0].replace(/\.$/, '');
    throw new CliUsageError(`${first}. Run: npm run cli -- help`);
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (values.help || command === undefined || command === 'help') return { name: 'help' };
  if (!COMMANDS.includes(command))
    throw new CliUsageError(
      `Unknown command ${command}: use user:create, user:list or ballot:recount`,
    );
  if (command === 'ballot:recount') return recountCommand(values, extra);
  if (extra.length > 0)
    throw new CliUsageError(
      `Unexpected argument ${extra[0]}: put values after their option, like --name "A Name"`,
    );

  if (command === 'user:list') {
    const given = ['email', 'role', 'name', 'password'].find((k) => k in values);
    if (given) throw new CliUsageError(`user:list takes no --${given}`);
    return { name: 'user:list' };
  }

  const email = values.email?.trim() ?? '';
  if (!email) throw new CliUsageError("Give the new user's email: --email name@example.org");
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new CliUsageError(`${email} is not an email address: use one like name@example.org`);
  const roles = (values.role ?? [])
    .flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter(Boolean);
  if (roles.length === 0)
    throw new CliUsageError(`Give at least one role with --role: ${STAFF_ROLES.join(', ')}`);
  const unknown = roles.filter((r) => !STAFF_ROLES.includes(r as StaffRole));
  if (unknown.length > 0)
    throw new CliUsageError(
      `Unknown role ${unknown.join(', ')}: choose from ${STAFF_ROLES.join(', ')}`,
    );
  const password = values.password ?? null;
  if (password !== null && password.length < MIN_PASSWORD_LENGTH)
    throw new CliUsageError(
      `The password must be at least ${MIN_PASSWORD_LENGTH} characters, or leave out --password to get a generated one`,
    );
  const displayName = values.name?.trim() || email.split('@')[0];
  return {
    name: 'user:create',
    email,
    roles: [...new Set(roles)] as StaffRole[],
    displayName,
    password,
  };
}

/** `ballot:recount <ballotId>`: one ballot id, no options. */
function recountCommand(values: object, extra: string[]): CliCommand {
  const given = ['email', 'role', 'name', 'password'].find((k) => k in values);
  if (given) throw new CliUsageError(`ballot:recount takes no --${given}`);
  if (extra.length === 0)
    throw new CliUsageError('Give the ballot to recount: npm run cli -- ballot:recount <ballotId>');
  if (extra.length > 1)
    throw new CliUsageError(`Unexpected argument ${extra[1]}: give one ballot id`);
  return { name: 'ballot:recount', ballotId: extra[0].trim() };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
