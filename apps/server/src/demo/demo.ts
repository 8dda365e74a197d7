import 'reflect-metadata';
import { spawn } from 'node:child_process';

/**
 * `npm run demo`. The launcher runs the demo in a child process of its own process group, so a
 * Ctrl-C in the terminal reaches only the launcher, which asks the demo to stop: the demo then
 * closes the server before PostgreSQL and Redis (its children) stop. Were they in the
 * terminal's group, Ctrl-C would stop the database under the server still finishing its work.
 */
const RUN_FLAG = '--run-demo';

function launch(): void {
  const script = process.argv[1];
  const child = spawn(process.execPath, [...process.execArgv, script, RUN_FLAG], {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const forward = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward);
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.once('error', (err) => {
    console.error(`Could not start the demo: ${err.message}`);
    process.exit(1);
  });
}

if (process.argv.includes(RUN_FLAG)) {
  // Loaded only here: the launcher itself needs none of the application.
  void import('./demo-runner').then(({ runDemo }) => runDemo(process.env));
} else {
  launch();
}
