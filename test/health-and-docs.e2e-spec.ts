import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTestApp, type TestApp } from './support/test-app';

describe('health and API documentation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the database up on readiness', async () => {
    const response = await t.http().get('/api/v1/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
  });

  it('answers liveness without touching dependencies', async () => {
    const response = await t.http().get('/api/v1/health/live').expect(200);
    expect(response.body).toEqual({ status: 'ok', details: {} });
  });

  it('sets security headers', async () => {
    const response = await t.http().get('/api/v1/health/live');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await t.http().get('/docs').expect(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('swagger-ui');
  });

  it('serves the document committed as openapi.json, which npm run lint:api builds without a server', async () => {
    const { body } = await t.http().get('/docs-json').expect(200);
    expect(body).toEqual(JSON.parse(readFileSync(resolve(__dirname, '../openapi.json'), 'utf8')));
  });

  it('says each response once: no description repeats a paragraph', async () => {
    const { body } = await t.http().get('/docs-json').expect(200);
    const repeated = Object.entries(
      body.paths as Record<string, Record<string, { operationId: string; responses: Record<string, { description: string }> }>>,
    ).flatMap(([, path]) =>
      Object.values(path).flatMap((operation) =>
        Object.entries(operation.responses)
          .filter(([, response]) => new Set(response.description.split('\n\n')).size < response.description.split('\n\n').length)
          .map(([status]) => `${operation.operationId} ${status}`),
      ),
    );
    expect(repeated).toEqual([]);
  });

  it('serves an OpenAPI 3 document with both security schemes', async () => {
    const { body } = await t.http().get('/docs-json').expect(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(body.info).toMatchObject({ title: 'Rebalance API', version: '1.0.0' });
    expect(body.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      apiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
    });
    expect(body.paths['/api/v1/health'].get.responses['503'].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/HealthProblemDto',
    });
    expect(body.components.schemas.ProblemDetailsDto.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'code']));
  });
});

describe('OpenAPI security', () => {
  const PUBLIC_OPERATIONS = ['getHealth', 'getLiveness', 'register', 'login'];
  // Open to any signed-in caller or key (no scope, role or JWT-only rule), so the guard never answers them 403.
  const ANY_CALLER_OPERATIONS = ['getMe', 'listAssets', 'getAsset', 'listAssetPrices'];

  it('declares how every non-public operation authenticates, with a 403 where the guard can refuse, and nothing on public ones', async () => {
    const t = await createTestApp();
    try {
      const { body } = await t.http().get('/docs-json').expect(200);
      const operations = Object.values(
        body.paths as Record<string, Record<string, { operationId: string; security?: unknown[]; responses: Record<string, unknown> }>>,
      ).flatMap((path) => Object.values(path));
      expect(operations.length).toBeGreaterThan(PUBLIC_OPERATIONS.length);
      for (const operation of operations) {
        if (PUBLIC_OPERATIONS.includes(operation.operationId)) {
          expect({ id: operation.operationId, security: operation.security }).toEqual({ id: operation.operationId, security: undefined });
        } else {
          expect({ id: operation.operationId, security: operation.security }).toEqual({
            id: operation.operationId,
            security: expect.arrayContaining([{ bearer: [] }]),
          });
          expect(Object.keys(operation.responses)).toContain('401');
          expect({ id: operation.operationId, documents403: '403' in operation.responses }).toEqual({
            id: operation.operationId,
            documents403: !ANY_CALLER_OPERATIONS.includes(operation.operationId),
          });
        }
      }
    } finally {
      await t.close();
    }
  });
});

describe('health when the database is gone', () => {
  it('answers 503 problem+json', async () => {
    const t = await createTestApp();
    try {
      await t.dataSource.destroy();
      const response = await t.http().get('/api/v1/health').expect(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', details: { database: { status: 'down' } } });
    } finally {
      await t.database.drop();
      await t.app.close().catch(() => undefined);
    }
  });
});
