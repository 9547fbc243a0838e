/**
 * A local HTTP server standing in for every receiver: it records each Alertmanager webhook notification with the
 * receiver (the request path) and the time it arrived.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Notification {
  readonly receiver: string;
  readonly status: 'firing' | 'resolved';
  readonly alerts: readonly { status: string; labels: Record<string, string>; startsAt: string; endsAt: string }[];
  /** Milliseconds since the epoch when it arrived. */
  readonly receivedAt: number;
}

export interface WebhookSink {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly notifications: readonly Notification[];
  close(): Promise<void>;
}

export async function startWebhookSink(): Promise<WebhookSink> {
  const notifications: Notification[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<Notification, 'receiver' | 'receivedAt'>;
        notifications.push({ receiver: (request.url ?? '/').slice(1), status: body.status, alerts: body.alerts, receivedAt: Date.now() });
        response.writeHead(200);
      } catch {
        response.writeHead(400);
      }
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    notifications,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
