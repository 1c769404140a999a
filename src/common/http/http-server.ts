import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { AppConfig } from '../../config/app-config';

// Node checks the request and header timeouts on this interval (30 s by default), so a timeout
// of a few seconds would otherwise be honoured up to half a minute late.
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * Express on a Node server built against slow clients: a request must arrive
 * whole within HTTP_REQUEST_TIMEOUT_MS (its headers within
 * HTTP_HEADERS_TIMEOUT_MS) or it gets 408 and its connection closed, and at
 * most HTTP_MAX_CONNECTIONS connections are held at once. The timeouts are
 * options of the server's constructor, which Nest's own adapter does not pass.
 */
export class GuardedExpressAdapter extends ExpressAdapter {
  constructor(private readonly limits: AppConfig['http']) {
    super();
  }

  override initHttpServer(_options: NestApplicationOptions): void {
    const server = createServer(
      {
        requestTimeout: this.limits.requestTimeoutMs,
        headersTimeout: this.limits.headersTimeoutMs,
        connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
      },
      this.getInstance(),
    );
    server.maxConnections = this.limits.maxConnections;
    this.setHttpServer(server);
  }
}

/**
 * Stops an HTTP server the way a rolling restart needs, even under keep-alive
 * load: no new connections; every response not yet started says
 * `Connection: close`, so clients reconnect to another instance; idle
 * connections are closed at once; requests in flight finish. Whatever is still
 * open after the grace is cut.
 */
export class HttpDrain {
  private draining = false;
  private readonly inFlight = new Set<ServerResponse>();

  constructor(private readonly server: Server) {
    // Before Express's own listener, which may answer within the same call.
    server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
      if (this.draining) {
        response.setHeader('Connection', 'close');
        return;
      }
      this.inFlight.add(response);
      response.on('close', () => this.inFlight.delete(response));
    });
  }

  /** Resolves once every connection is closed: 'drained' when they all finished in time, 'cut' otherwise. */
  async drain(graceMs: number): Promise<'drained' | 'cut'> {
    this.draining = true;
    for (const response of this.inFlight) {
      if (!response.headersSent) response.setHeader('Connection', 'close');
    }
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'cut'>((resolve) => {
      timer = setTimeout(() => resolve('cut'), graceMs);
    });
    const outcome = await Promise.race([closed.then(() => 'drained' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'cut') {
      this.server.closeAllConnections();
      await closed;
    }
    return outcome;
  }
}
