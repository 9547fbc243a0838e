/**
 * A TCP pass-through on loopback that can be shut: Prometheus scrapes itself through it, so that the live
 * verification can make Prometheus unable to see itself while it keeps running, evaluating and alerting.
 */
import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpGate {
  /** `127.0.0.1:<port>` to connect to instead of the target. */
  readonly address: string;
  /** Refuses new connections and drops open ones (kept-alive scrape connections included). */
  shut(): void;
  /** Passes connections through again. */
  open(): void;
  close(): Promise<void>;
}

export async function startTcpGate(target: string): Promise<TcpGate> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const open = new Set<Socket>();
  let shut = false;
  const server = createServer((client) => {
    if (shut) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host, port });
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the TCP gate has no port');
  return {
    address: `127.0.0.1:${address.port}`,
    shut() {
      shut = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    open() {
      shut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
