import { CliUsageError, parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('reads user:create with repeated and comma-separated roles', () => {
    expect(
      parseCliArgs([
        'user:create',
        '--email',
        ' Officer@OPCC.example ',
        '--role',
        'grants-officer',
        '--role',
        'assessor,grants-officer',
        '--name',
        'Grace Officer',
      ]),
    ).toEqual({
      name: 'user:create',
      email: 'Officer@OPCC.example',
      roles: ['grants-officer', 'assessor'],
      displayName: 'Grace Officer',
      password: null,
    });
  });

  it('names the user after the email when --name is left out, and keeps a given password', () => {
    const command = parseCliArgs([
      'user:create',
      '--email=finance@opcc.example',
      '--role=finance',
      '--password=long-enough-password',
    ]);
    expect(command).toMatchObject({ displayName: 'finance', password: 'long-enough-password' });
  });

  it.each([
    [['user:create', '--role', 'admin'], /Give the new user's email/],
    [['user:create', '--email', 'not-an-email', '--role', 'admin'], /not an email address/],
    [['user:create', '--email', 'a@b.org'], /at least one role/],
    [
      ['user:create', '--email', 'a@b.org', '--role', 'boss'],
      /Unknown role boss: choose from admin/,
    ],
    [
      ['user:create', '--email', 'a@b.org', '--role', 'admin', '--password', 'short'],
      /at least 12/,
    ],
    [
      ['user:create', '--emial', 'a@b.org'],
      /^Unknown option '--emial'\. Run: npm run cli -- help$/,
    ],
    [['user:create', '--email'], /argument missing/],
    [['user:delete'], /Unknown command user:delete/],
    [
      ['user:create', 'extra', '--email', 'a@b.org', '--role', 'admin'],
      /Unexpected argument extra/,
    ],
    [['user:list', '--role', 'admin'], /user:list takes no --role/],
    [['ballot:recount'], /Give the ballot to recount/],
    [['ballot:recount', 'a', 'b'], /Unexpected argument b: give one ballot id/],
    [['ballot:recount', 'a', '--email', 'a@b.org'], /ballot:recount takes no --email/],
  ])('refuses %j with one clear line', (argv, message) => {
    let error: unknown;
    try {
      parseCliArgs(argv);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CliUsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reads ballot:recount with its ballot id', () => {
    expect(parseCliArgs(['ballot:recount', 'b6a7c2de-0000-4000-8000-000000000001'])).toEqual({
      name: 'ballot:recount',
      ballotId: 'b6a7c2de-0000-4000-8000-000000000001',
    });
  });

  it('shows help with no command', () => {
    expect(parseCliArgs([])).toEqual({ name: 'help' });
    expect(parseCliArgs(['--help'])).toEqual({ name: 'help' });
  });
});
