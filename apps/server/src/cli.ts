import 'reflect-metadata';
import { ConfigError, DomainException, loadConfig } from '@grants/core';
import { INestApplicationContext } from '@nestjs/common';
import { CliUsageError, parseCliArgs, USAGE } from './cli/cli-args';
import { createCliContext } from './cli/cli-context';
import { recountBallot } from './cli/ballot-commands';
import { createUser, listUsers } from './cli/user-commands';

/**
 * `npm run cli -- <command>`: staff user administration and ballot recounts. Exit code 1 with
 * one line on bad input.
 */
async function main(argv: string[]): Promise<number> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const command = parseCliArgs(argv);
  if (command.name === 'help') {
    print(USAGE);
    return 0;
  }
  const app: INestApplicationContext = await createCliContext(loadConfig());
  try {
    if (command.name === 'user:create') await createUser(app, command, print);
    else if (command.name === 'ballot:recount') await recountBallot(app, command.ballotId, print);
    else await listUsers(app, print);
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known =
      err instanceof CliUsageError || err instanceof ConfigError || err instanceof DomainException;
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`${known ? message : `Error: ${message.split('\n')[0]}`}\n`);
    process.exit(1);
  },
);
