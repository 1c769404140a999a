import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dashboardRoot } from '../src/dashboard/serve-dashboard';
import { createTestApp, type TestApp } from './support/test-app';

describe('the dashboard is served at / by the same process as the API', () => {
  let t: TestApp;
  const index = join(dashboardRoot(), 'index.html');

  beforeAll(async () => {
    if (!existsSync(index)) throw new Error(`${index} is missing: npm test builds it (npm run build)`);
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('serves the built index.html at / with a Content-Security-Policy that allows no inline script', async () => {
    const response = await t.http().get('/').set('Accept', 'text/html').expect(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toBe(readFileSync(index, 'utf8'));
    const policy = response.headers['content-security-policy'];
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toContain("default-src 'self'");
    expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('answers a client-side route such as /portfolios/<id> with the same index.html', async () => {
    const response = await t.http().get('/portfolios/6f1c2f7e-7a53-4a0e-9a1d-3c1c0c7d2b11').set('Accept', 'text/html').expect(200);
    expect(response.text).toBe(readFileSync(index, 'utf8'));
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves the hashed script the page names, cached for a year', async () => {
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(index, 'utf8'))![1];
    const response = await t.http().get(script).expect(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves the API, Swagger UI and the OpenAPI document to the server, even for a browser asking for HTML', async () => {
    const missing = await t.http().get('/api/v1/no-such-route').set('Accept', 'text/html,application/json').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await t.http().get('/docs').set('Accept', 'text/html').expect(200)).text).toContain('swagger-ui');
    expect((await t.http().get('/docs-json').set('Accept', 'text/html').expect(200)).body.openapi).toMatch(/^3\./);
  });

  it('answers a missing asset with a problem+json 404, not with the page', async () => {
    const response = await t.http().get('/assets/no-such-file.js').expect(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.text).not.toContain('<div id="root">');
  });
});
