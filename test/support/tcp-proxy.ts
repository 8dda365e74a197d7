import { AddressInfo, createConnection, createServer, Socket } from 'node:net';

/**
 * How a cut treats connections opened while it lasts: `refuse` resets each at once (a service
 * that is down); `stall` accepts and holds it, unanswered, until restore() lets its bytes
 * through (a network that drops packets, the case where a client that waits hangs).
 */
export type CutMode = 'refuse' | 'stall';

export interface TcpProxy {
  port: number;
  /** Connections open now (both directions counted once). */
  readonly open: number;
  /** Destroys every current connection and treats new ones as `mode` says. */
  cut(mode?: CutMode): void;
  /** Forwards again; connections held by a stalling cut go through now. */
  restore(): void;
  stop(): Promise<void>;
}

/**
 * A TCP proxy to a shared service (Redis) for fault tests: the processes under test connect
 * through it, so a test can cut the service off from them alone, leaving it running for
 * everyone else.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  const held = new Set<Socket>();
  let cutMode: CutMode | null = null;

  const forward = (client: Socket) => {
    const upstream = createConnection(target);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of pair) socket.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
    // Bytes a stalling cut held back are still buffered in the paused client: pipe resumes it.
  };

  const server = createServer({ pauseOnConnect: true }, (client) => {
    client.on('error', () => client.destroy());
    if (cutMode === 'refuse') return client.resetAndDestroy();
    if (cutMode === 'stall') {
      held.add(client);
      client.once('close', () => held.delete(client));
      return;
    }
    forward(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    get open() {
      return pairs.size;
    },
    cut(mode = 'refuse') {
      cutMode = mode;
      for (const [client, upstream] of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    restore() {
      cutMode = null;
      for (const client of held) forward(client);
      held.clear();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const [client, upstream] of pairs) {
          client.destroy();
          upstream.destroy();
        }
        for (const client of held) client.destroy();
        server.close(() => resolve());
      }),
  };
}
