import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
}

/** An app that runs its jobs briskly and may deliver to the local receiver: what the webhook tests need. */
export const FAST_JOBS_ENV = {
  JOB_WORKERS: 'true',
  JOB_POLLING_INTERVAL_SECONDS: '0.5',
  JOB_MAINTENANCE_INTERVAL_SECONDS: '1',
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_RETRY_DELAY_SECONDS: '1',
  WEBHOOK_TIMEOUT_MS: '1000',
};

/** How the receiver answers the n-th request (1-based) to a path: a status, or 'hang' to never answer. */
export type Behaviour = (n: number) => number | 'hang';

export interface WebhookReceiver {
  url(path: string): string;
  /** Requests so far, in arrival order. */
  received: ReceivedRequest[];
  on(path: string, behaviour: Behaviour): void;
  close(): Promise<void>;
}

/** A local HTTP endpoint standing in for a partner's webhook receiver. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const behaviours = new Map<string, Behaviour>();
  const counts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const rawBody = Buffer.concat(chunks).toString('utf8');
      received.push({ path, headers: request.headers, rawBody, body: JSON.parse(rawBody) });
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const answer = (behaviours.get(path) ?? (() => 200))(n);
      if (answer === 'hang') return;
      response.writeHead(answer, { 'Content-Type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    on: (path, behaviour) => behaviours.set(path, behaviour),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until check returns a value other than undefined, or fails with what it last saw. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
