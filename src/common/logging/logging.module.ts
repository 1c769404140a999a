import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../../config/app-config';
import { redactUrl } from './redact-url';

// A caller-chosen id is echoed only when it is short and plain, so it cannot inject into logs.
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

type RequestWithId = IncomingMessage & { id?: string };

/**
 * Express middleware that runs first: every later step (body parser errors
 * included) sees request.id, and every response carries X-Request-Id.
 */
export function assignRequestId(request: RequestWithId, response: ServerResponse, next: () => void): void {
  const given = request.headers['x-request-id'];
  request.id = typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', request.id);
  next();
}

@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (request: RequestWithId) => request.id ?? randomUUID(),
            // Headers are left out entirely, and credential-like query values are masked, so credentials never reach a log line.
            serializers: {
              req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: redactUrl(request.url) }),
              res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
            },
            transport: config.logFormat === 'pretty' ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
          },
        }),
      ],
    };
  }
}
