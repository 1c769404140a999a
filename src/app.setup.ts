import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { describeEachResponseOnce, documentProblems } from './common/http/api-problem-responses.decorator';
import { documentBodyParser } from './common/http/body-parser.openapi';
import { API_KEY_AUTH, BEARER_AUTH } from './common/http/security-schemes';
import { checkRequestShape } from './common/http/request-shape';
import { createValidationPipe } from './common/http/validation.pipe';
import { assignRequestId } from './common/logging/logging.module';
import { documentRateLimits } from './auth/rate-limit/rate-limit.openapi';
import type { AppConfig } from './config/app-config';
import { serveDashboard } from './dashboard/serve-dashboard';
import { documentTransactionBodies } from './portfolio/transaction-bodies.openapi';
import { IMPORT_ROUTE, importBodyParsers } from './portfolio/transaction-import.body-parser';

export const API_PREFIX = 'api/v1';

const API_DESCRIPTION = [
  'Rebalance tells investors and advisors when a portfolio has drifted from its target allocation',
  'and which trades bring it back, tax-aware.',
  '',
  'Every decimal (quantities, prices, values, percentages) is a JSON string such as `"1234.50"`;',
  'requests accept strings or plain JSON numbers. Errors are `application/problem+json` (RFC 9457)',
  'with a stable `code`; validation errors list each field and rule in `errors`.',
  '',
  'Every request body: at most 32 levels of nesting (else 400 `JSON_TOO_DEEP`); no `null` anywhere',
  '(leave an optional field out instead; rule `notNull`); no NUL character or lone UTF-16 surrogate in',
  'any string (rules `noNulCharacter`, `wellFormedUnicode`).',
].join('\n');

const TAGS = [
  { name: 'auth', description: "Users, login and the caller's identity" },
  { name: 'api-keys', description: 'Partner API keys with scopes' },
  { name: 'assets', description: 'The asset catalogue and its prices' },
  { name: 'households', description: 'Households: the taxpayer (a client, or a couple filing jointly) whose accounts are portfolios, and the tax-year report' },
  { name: 'portfolios', description: 'Portfolios (accounts of a household), positions, tax lots and realized gains' },
  { name: 'transactions', description: 'The ledger: deposits, withdrawals, buys, sells, dividends' },
  { name: 'rebalancing', description: 'Targets, drift, what-if, suggestions and rebalancing plans' },
  { name: 'household rebalancing', description: 'Targets and drift of a whole household, over all its accounts' },
  { name: 'drift alerts', description: 'Alerts raised when a portfolio leaves its band, and scans' },
  { name: 'webhooks', description: 'Signed event deliveries to partner systems' },
  { name: 'health', description: 'Readiness and liveness probes' },
];

/** Everything about the HTTP surface that is not a controller; shared by main.ts and the tests. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.use(assignRequestId);
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX);
  app.use(`/${API_PREFIX}/${IMPORT_ROUTE}`, ...importBodyParsers());
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.use(checkRequestShape);
  app.useGlobalPipes(createValidationPipe());
  app.use(helmet());
  app.disable('x-powered-by');
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      exposedHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
      maxAge: 600,
    });
  }
  serveDashboard(app);
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Rebalance API',
    swaggerOptions: { persistAuthorization: true },
  });
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Rebalance API')
    .setVersion('1.0.0')
    .setDescription(API_DESCRIPTION)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'Access token from POST /api/v1/auth/login: a JWS signed with HS256 only (no "none", no algorithm switching), with an expiry, following RFC8725',
      },
      BEARER_AUTH,
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Partner API key (rb_live_...)' }, API_KEY_AUTH)
    .build();
  config.tags = TAGS;
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  // Each error status gets its codes and examples first; then the parser adds its own codes, so its
  // 413 and 415 list the rate-limit headers the way every other answer does.
  return describeEachResponseOnce(documentRateLimits(documentBodyParser(documentProblems(documentTransactionBodies(document)))));
}
