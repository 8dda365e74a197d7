/**
 * Nest finishes requests and jobs in hand on SIGTERM, but closing a queue waits for Redis,
 * which may be the thing that is down: past this deadline the process exits anyway.
 */
export function exitAfterShutdownDeadline(ms = 20_000): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        console.error(`Shutdown took longer than ${ms} ms: exiting`);
        process.exit(1);
      }, ms).unref();
    });
  }
}
