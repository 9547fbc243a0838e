/** One simulated service on 127.0.0.1: its /metrics from a prom-client registry and its health endpoint. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface ServiceEndpoint {
  /** `127.0.0.1:<port>` */
  readonly address: string;
  close(): Promise<void>;
}

/**
 * Serves `/metrics` from whatever registry `registry()` returns at scrape time (a restart swaps it) and
 * `healthPath` with 200, or 503 while `healthy()` is false. Listens on `port` (0 picks a free one).
 */
export async function startServiceEndpoint(options: {
  port: number;
  healthPath: string;
  registry: () => Registry;
  healthy: () => boolean;
}): Promise<ServiceEndpoint> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      const registry = options.registry();
      registry
        .metrics()
        .then((body) => {
          response.writeHead(200, { 'Content-Type': registry.contentType });
          response.end(body);
        })
        .catch((error: unknown) => {
          response.writeHead(500);
          response.end(String(error));
        });
      return;
    }
    if (path === options.healthPath) {
      const ok = options.healthy();
      response.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ status: ok ? 'ok' : 'unhealthy' }));
      return;
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
