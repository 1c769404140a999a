import { createHash } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { changedTables, type Fingerprint, fingerprintReader } from './support/database-fingerprint';
import { type FuzzRequest, fuzzRequests, type Site, sitesOf } from './support/fuzz-requests';
import { type FuzzWorld, givenFuzzWorld } from './support/fuzz-world';
import { openApiValidator } from './support/openapi-validator';
import { exampleOf, type SpecOperation, specOperations } from './support/spec-operations';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Every operation of openapi.json, fed requests that are valid but for one
 * broken site (a path parameter, the query, the body, or the credentials):
 * wrong types, extreme numbers, unicode and NUL, forged cursors and tokens,
 * missing fields, other users' ids. Whatever comes in, the answer keeps the
 * document, is never a 5xx, every 4xx is problem+json with a code, and a
 * refused request changes no row of any table.
 *
 * One `it` per operation and site, so `-t 'createTransaction body'` re-runs
 * one; FUZZ_SEED and FUZZ_RUNS change the seed and the requests per `it` (twice as many for bodies).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);

/** Writes that use up the world they aim at (deleting, executing, cancelling) go last, the portfolio itself at the very end. */
const LAST = ['cancelPlan', 'executePlan', 'deleteTransaction', 'acknowledgeDriftAlert', 'deleteWebhook', 'revokeApiKey', 'deletePortfolio'];
const operations = specOperations().sort((a, b) => LAST.indexOf(a.operationId) - LAST.indexOf(b.operationId));

/** A seed per operation and site, so running one `it` alone sends the same requests as the whole file does. */
const seedOf = (operation: SpecOperation, site: Site) => (SEED ^ createHash('sha256').update(`${operation.operationId}:${site}`).digest().readUInt32BE(0)) | 0;

interface Failure {
  rule: string;
  request: FuzzRequest;
  status: number;
  response: string;
}

function describeFailure({ rule, request: sent, status, response }: Failure): string {
  return [
    `✗ ${rule}`,
    `  broken: ${sent.mutations.join('; ')}`,
    `  request: ${sent.method.toUpperCase()} ${sent.url}`,
    `  headers: ${JSON.stringify(sent.headers).slice(0, 300)}`,
    ...(sent.body === undefined ? [] : [`  body: ${sent.body.slice(0, 500)}${sent.body.length > 500 ? `… (${sent.body.length} chars)` : ''}`]),
    `  response: ${status} ${response.slice(0, 600)}`,
  ].join('\n');
}

describe('the whole spec, fuzzed', () => {
  let t: TestApp;
  let world: FuzzWorld;
  let fingerprint: () => Promise<Fingerprint>;

  beforeAll(async () => {
    t = await createTestApp({
      // Over a thousand requests from one user and one address: no limit may answer 429 in their place.
      // FUZZ_LOG_LEVEL=error shows the stack behind a 500.
      env: {
        LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'silent',
        RATE_LIMIT_PER_MINUTE: '1000000',
        RATE_LIMIT_API_KEY_PER_MINUTE: '1000000',
        AUTH_THROTTLE_LIMIT: '1000000',
      },
    });
    world = await givenFuzzWorld(t);
    fingerprint = await fingerprintReader(t.dataSource);
  });
  afterAll(() => t.close());

  function send(sent: FuzzRequest) {
    let test = request(t.app.getHttpServer())[sent.method](sent.url);
    for (const [name, value] of Object.entries(sent.headers)) test = test.set(name, value);
    if (sent.body !== undefined) test = test.set('Content-Type', sent.headers['Content-Type'] ?? 'application/json').send(sent.body);
    return test;
  }

  /** Checks one answer; `before` is the database as the previous request left it (nothing else writes: workers are off). */
  async function check(sent: FuzzRequest, before: Fingerprint): Promise<{ failures: Failure[]; after: Fingerprint }> {
    const response = await send(sent);
    const after = await fingerprint();
    const failures: Failure[] = [];
    const fail = (rule: string) => failures.push({ rule, request: sent, status: response.status, response: response.text ?? '' });
    const contentType = String(response.headers['content-type'] ?? '');
    if (response.status >= 500) fail(`answered ${response.status}`);
    else if (sent.expectedStatus !== undefined && response.status !== sent.expectedStatus) fail(`answered ${response.status}, not ${sent.expectedStatus}`);
    if (response.status >= 400 && response.status < 500) {
      if (!contentType.startsWith('application/problem+json')) fail(`a ${response.status} that is not problem+json (${contentType})`);
      else if (typeof response.body?.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(response.body.code)) fail(`a ${response.status} problem without a code`);
      const changed = changedTables(before, after);
      if (changed.length > 0) fail(`a refused request (${response.status}) changed ${changed.join(', ')}`);
    }
    const broken = openApiValidator().check(sent.method, sent.url, response.status, response.headers['content-type'], response.body, response.text);
    if (broken && response.status < 500) fail(`the answer breaks the document: ${broken.split('\nbody:')[0].replace(/\n\s*/g, '; ').slice(0, 400)}`);
    return { failures, after };
  }

  it('sees a single new row, in the one table it went to', async () => {
    const before = await fingerprint();
    await t
      .http()
      .post('/api/v1/portfolios')
      .set(world.stranger.auth)
      .send({ name: 'Seen by the fingerprint', householdId: world.ids.others.households })
      .expect(201);
    expect(changedTables(before, await fingerprint())).toEqual(['public.portfolios']);
  });

  describe.each(operations.map((operation) => [`${operation.operationId} (${operation.method.toUpperCase()} ${operation.template})`, operation] as const))(
    '%s',
    (_name, operation) => {
      it.each(sitesOf(operation))('%s', async (site) => {
        const caller = world.adminOperations.has(operation.operationId) ? world.admin : world.owner;
        const requests = fc.sample(
          fuzzRequests(operation, site, {
            ids: world.ids,
            auth: operation.authenticated ? caller.auth : {},
            callerId: caller.id,
            jwtSecret: t.config.auth.jwtSecret,
            body: world.bodies[operation.operationId] ?? (operation.body ? exampleOf(operation.body) : undefined),
          }),
          // Bodies have the most places to break, so they get twice the requests.
          { seed: seedOf(operation, site), numRuns: site === 'body' ? 2 * RUNS : RUNS },
        );
        const failures: Failure[] = [];
        let state = await fingerprint();
        for (const sent of requests) {
          const checked = await check(sent, state);
          failures.push(...checked.failures);
          state = checked.after;
        }
        if (failures.length > 0) {
          // One example per rule and broken place, so a hundred NUL bytes read as one finding.
          const groups = new Map<string, Failure[]>();
          for (const failure of failures) {
            const key = `${failure.rule} | ${failure.request.mutations.map((mutation) => mutation.split(' = ')[0]).join('; ')}`;
            groups.set(key, [...(groups.get(key) ?? []), failure]);
          }
          throw new Error(
            `${failures.length} of ${requests.length} requests broke a rule (seed ${seedOf(operation, site)}, FUZZ_SEED=${SEED}):\n` +
              [...groups.values()].map((group) => `${describeFailure(group[0])}\n  (${group.length}×)`).join('\n'),
          );
        }
      });
    },
  );
});
