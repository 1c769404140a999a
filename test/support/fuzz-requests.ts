import fc from 'fast-check';
import { forgeJwt } from './jwt';
import { malformedFor, malformedRootBody, nastyStringFor, RawJson, toJsonText } from './malformed-values';
import { exampleOf, forValue, resolveSchema, type Schema, type SpecOperation } from './spec-operations';

/** Where a request is broken: one `it` each, so `-t` can pick a site. */
export type Site = 'path' | 'query' | 'body' | 'headers';

export interface FuzzRequest {
  method: SpecOperation['method'];
  /** Path and query string, as sent (already encoded). */
  url: string;
  headers: Record<string, string>;
  /** JSON text as sent, or undefined for no body. */
  body: string | undefined;
  /** What was broken, for the failure report. */
  mutations: string[];
  /** The only status the break allows, where the README names one (401 for bad credentials, 404 for someone else's id). */
  expectedStatus?: number;
}

/** The ids a path parameter can take: the caller's own, another user's, and which collection it names. */
export interface FuzzIds {
  /** The caller's real resource, keyed by the collection before the parameter (portfolios, plans, webhooks, ...). */
  own: Record<string, string>;
  /** Another user's resource of the same collection (shared ones such as assets: another row). */
  others: Record<string, string>;
}

export interface FuzzContext {
  ids: FuzzIds;
  /** Credentials of the caller the operation needs (a user, or the admin for catalogue and scan routes). */
  auth: Record<string, string>;
  callerId: string;
  jwtSecret: string;
  /** A valid body for the operation, so a mutation is the only fault in it. */
  body: unknown;
}

/** The collection a path parameter names: the segment before it (`/portfolios/{id}` → portfolios). */
export function collectionOf(template: string, name: string): string {
  const segments = template.split('/');
  return segments[segments.indexOf(`{${name}}`) - 1];
}

type PathPart = string | number;

function pathText(path: PathPart[]): string {
  return `body${path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('')}`;
}

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate has no UTF-8 form; sent as the bytes a careless client would produce.
    return '%ED%A0%80';
  }
}

/** Segments sent as they are: broken escapes, dot segments, encoded slashes. */
const RAW_SEGMENTS = ['%', '%zz', '%00', '..', '.', '%2e%2e', '%2F', '%5C', ';', '%20', '%ED%A0%80', '%C0%AF', '%FF', '~', '*', '%25'];

function pathArbitrary(
  operation: SpecOperation,
  context: FuzzContext,
): fc.Arbitrary<{ values: Record<string, string>; mutations: string[]; expectedStatus: number | undefined }> | null {
  const parameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  if (parameters.length === 0) return null;
  const own = (name: string) => {
    const id = context.ids.own[collectionOf(operation.template, name)];
    if (!id) throw new Error(`the fuzz world has no ${collectionOf(operation.template, name)} for ${operation.template}: add one`);
    return id;
  };
  return fc.constantFrom(...parameters).chain((parameter) => {
    const mine = own(parameter.name);
    const theirs = context.ids.others[collectionOf(operation.template, parameter.name)];
    const collection = collectionOf(operation.template, parameter.name);
    // Someone else's row answers exactly like a missing one; the catalogue is shared, so another asset is just another asset.
    const foreign = collection === 'assets' ? undefined : 404;
    const value: fc.Arbitrary<[string, string, number | undefined]> = fc.oneof(
      fc.constant<[string, string, number | undefined]>([encodeSegment(theirs), `another user's ${collection}`, foreign]),
      fc.uuid().map<[string, string, number | undefined]>((id) => [id, 'a random uuid', 404]),
      fc.constant<[string, string, number | undefined]>([mine.toUpperCase(), 'own id in upper case', undefined]),
      nastyStringFor(parameter.schema).map<[string, string, number | undefined]>((text) => [encodeSegment(text), JSON.stringify(text), undefined]),
      fc.constantFrom(...RAW_SEGMENTS).map<[string, string, number | undefined]>((segment) => [segment, `raw ${segment}`, undefined]),
    );
    return value.map(([encoded, shown, expectedStatus]) => ({
      values: Object.fromEntries(parameters.map((other) => [other.name, other === parameter ? encoded : own(other.name)])),
      mutations: [`path ${parameter.name} = ${shown}`],
      expectedStatus,
    }));
  });
}

const UNKNOWN_QUERY = ['foo', '__proto__', 'constructor', 'sort', 'limit[]', 'cursor[k]', 'filter[0]', ''];

function queryArbitrary(operation: SpecOperation): fc.Arbitrary<{ query: string; mutations: string[] }> {
  const parameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  const entry: fc.Arbitrary<{ pairs: Array<[string, string]>; shown: string }> = fc.oneof(
    ...(parameters.length > 0
      ? [
          fc.constantFrom(...parameters).chain((parameter) =>
            fc.oneof(
              nastyStringFor(parameter.schema).map((value) => ({
                pairs: [[parameter.name, value]] as Array<[string, string]>,
                shown: `${parameter.name}=${JSON.stringify(value)}`,
              })),
              fc.constant({
                pairs: [
                  [parameter.name, String(exampleOf(parameter.schema))],
                  [parameter.name, String(exampleOf(parameter.schema))],
                ] as Array<[string, string]>,
                shown: `${parameter.name} twice`,
              }),
              fc.constant({ pairs: [[`${parameter.name}[a]`, '1']] as Array<[string, string]>, shown: `${parameter.name}[a]=1` }),
            ),
          ),
        ]
      : []),
    fc
      .tuple(fc.constantFrom(...UNKNOWN_QUERY), fc.string({ maxLength: 10 }))
      .map(([name, value]) => ({ pairs: [[name, value]] as Array<[string, string]>, shown: `unknown ${name}=${JSON.stringify(value)}` })),
  );
  return fc.array(entry, { minLength: 1, maxLength: 3 }).map((entries) => ({
    query: entries
      .flatMap((item) => item.pairs)
      .map(([name, value]) => `${encodeSegment(name)}=${encodeSegment(value)}`)
      .join('&'),
    mutations: entries.map((item) => `query ${item.shown}`),
  }));
}

interface Slot {
  path: PathPart[];
  schema: Schema;
  required: boolean;
  present: boolean;
}

/** Every place in the valid body a mutation can hit, and the properties the schema allows but the body leaves out. */
function slotsOf(value: unknown, input: Schema, path: PathPart[] = [], required = true): Slot[] {
  const schema = forValue(input, value);
  const slots: Slot[] = [{ path, schema, required, present: true }];
  if (Array.isArray(value) && schema.items) value.forEach((item, index) => slots.push(...slotsOf(item, schema.items as Schema, [...path, index])));
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const isRequired = schema.required?.includes(key) ?? false;
      if (key in value) slots.push(...slotsOf((value as Record<string, unknown>)[key], property, [...path, key], isRequired));
      else slots.push({ path: [...path, key], schema: resolveSchema(property), required: isRequired, present: false });
    }
  }
  return slots;
}

type Mutation = { apply: (body: unknown) => unknown; shown: string };

function setAt(body: unknown, path: PathPart[], change: (parent: Record<PathPart, unknown>, key: PathPart) => void): unknown {
  if (path.length === 0) return body;
  let parent = body as Record<PathPart, unknown>;
  for (const part of path.slice(0, -1)) {
    const next = parent?.[part];
    // An earlier mutation replaced this branch: nothing left to reach.
    if (next === null || typeof next !== 'object') return body;
    parent = next as Record<PathPart, unknown>;
  }
  if (parent === null || typeof parent !== 'object') return body;
  change(parent, path[path.length - 1]);
  return body;
}

function bodyMutation(baseline: unknown, schema: Schema): fc.Arbitrary<Mutation> {
  const slots = slotsOf(baseline, schema);
  // Values are copied in: the generators hand out shared constants, which a later mutation of the same body would otherwise change for good.
  const root = malformedRootBody.map<Mutation>((value) => ({ apply: () => copy(value), shown: `body = ${toJsonText(value).slice(0, 80)}` }));
  const innerSlots = slots.filter((slot) => slot.path.length > 0);
  const inner = (innerSlots.length > 0 ? fc.constantFrom(...innerSlots) : fc.constant(slots[0])).chain((slot) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: malformedFor(slot.schema).map<Mutation>((value) => ({
          apply: (body) => setAt(body, slot.path, (parent, key) => (parent[key] = copy(value))),
          shown: `${pathText(slot.path)} = ${toJsonText(value).slice(0, 80)}`,
        })),
      },
      {
        weight: 1,
        arbitrary: fc.constant<Mutation>({
          apply: (body) => setAt(body, slot.path, (parent, key) => (parent[key] = null)),
          shown: `${pathText(slot.path)} = null`,
        }),
      },
      {
        weight: slot.present ? 1 : 0,
        arbitrary: fc.constant<Mutation>({
          apply: (body) =>
            setAt(body, slot.path, (parent, key) => (Array.isArray(parent) && typeof key === 'number' ? parent.splice(key, 1) : delete parent[key])),
          shown: `${pathText(slot.path)} removed${slot.required ? ' (required)' : ''}`,
        }),
      },
    ),
  );
  const objects = slots.filter((slot) => slot.schema.type === 'object' && slot.present);
  const extra =
    objects.length === 0
      ? []
      : [
          fc
            .tuple(fc.constantFrom(...objects), fc.constantFrom('unknownField', '__proto__', 'constructor', 'id', 'userId', 'role'))
            .map<Mutation>(([slot, key]) => ({
              apply: (body) => {
                // Only into an object still there: an earlier mutation may have made it an array, which a `constructor` key would break.
                const addTo = (object: unknown) => {
                  if (object !== null && typeof object === 'object' && !Array.isArray(object) && !(object instanceof RawJson)) {
                    Object.defineProperty(object, key, { value: 'x', enumerable: true, writable: true, configurable: true });
                  }
                };
                if (slot.path.length === 0) addTo(body);
                else setAt(body, slot.path, (parent, last) => addTo(parent[last]));
                return body;
              },
              shown: `${pathText(slot.path)}.${key} added`,
            })),
        ];
  return fc.oneof(
    { weight: 1, arbitrary: root },
    ...(innerSlots.length > 0 ? [{ weight: 6, arbitrary: inner }] : []),
    ...extra.map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

/** A deep copy that keeps RawJson parts as they are. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copy(item)]));
  return value;
}

function bodyArbitrary(operation: SpecOperation, context: FuzzContext): fc.Arbitrary<{ body: string; mutations: string[] }> {
  // A POST without a documented body still gets one, which it must ignore or refuse.
  const schema: Schema = operation.body ?? { type: 'object', properties: {} };
  const baseline = operation.body ? context.body : {};
  return fc.array(bodyMutation(baseline, schema), { minLength: 1, maxLength: 2 }).map((mutations) => ({
    body: toJsonText(mutations.reduce((body, mutation) => mutation.apply(body), copy(baseline))),
    mutations: mutations.map((mutation) => mutation.shown),
  }));
}

/** Credentials that must be refused with 401: forged, unsigned, expired, without expiry, or naming no user. */
function credentialArbitrary(context: FuzzContext): fc.Arbitrary<{ headers: Record<string, string>; shown: string; expectedStatus?: number }> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = (payload: object, secret: string | null = context.jwtSecret, alg = 'HS256') => forgeJwt(payload, secret, alg);
  const bearer = (token: string, shown: string) => ({ headers: { Authorization: `Bearer ${token}` }, shown, expectedStatus: 401 as number | undefined });
  return fc.constantFrom<{ headers: Record<string, string>; shown: string; expectedStatus?: number }>(
    bearer(jwt({ sub: context.callerId }), 'JWT without exp'),
    bearer(jwt({ sub: 'not-a-uuid', exp: now + 600 }), 'JWT with a non-uuid sub'),
    bearer(jwt({ sub: "' OR 1=1 --", exp: now + 600 }), 'JWT with an SQL-ish sub'),
    bearer(jwt({ sub: 12345, exp: now + 600 }), 'JWT with a numeric sub'),
    bearer(jwt({ sub: null, exp: now + 600 }), 'JWT with a null sub'),
    bearer(jwt({ sub: ['x'], exp: now + 600 }), 'JWT with an array sub'),
    bearer(jwt({ exp: now + 600 }), 'JWT without sub'),
    bearer(jwt({ sub: '00000000-0000-0000-0000-000000000000', exp: now + 600 }), 'JWT for no user'),
    bearer(jwt({ sub: context.callerId, exp: 'tomorrow' }), 'JWT with a string exp'),
    // Signed with the server's own secret, so only the server could have made it: no 5xx is all it must keep to.
    { ...bearer(jwt({ sub: context.callerId, exp: 1e300 }), 'JWT with a huge exp'), expectedStatus: undefined },
    bearer(jwt({ sub: context.callerId, exp: now - 60 }), 'expired JWT'),
    bearer(jwt({ sub: context.callerId, exp: now + 600 }, null, 'none'), 'unsigned JWT (alg none)'),
    bearer(jwt({ sub: context.callerId, exp: now + 600 }, 'another secret that is long enough to pass'), 'JWT signed with another secret'),
    bearer(jwt({ sub: context.callerId, exp: now + 600 }, context.jwtSecret, 'HS512'), 'JWT claiming HS512'),
    bearer('a.b.c', 'token a.b.c'),
    bearer('', 'empty bearer token'),
    bearer('x'.repeat(10_000), 'huge bearer token'),
    { headers: { Authorization: 'Basic dXNlcjpwYXNz' }, shown: 'Basic credentials', expectedStatus: 401 },
    { headers: { Authorization: 'Bearer' }, shown: 'Bearer without a token', expectedStatus: 401 },
    { headers: { 'X-API-Key': 'rb_live_' }, shown: 'API key prefix only', expectedStatus: 401 },
    { headers: { 'X-API-Key': "rb_live_' OR 1=1 --" }, shown: 'SQL-ish API key', expectedStatus: 401 },
    { headers: { 'X-API-Key': 'x'.repeat(5_000) }, shown: 'huge API key', expectedStatus: 401 },
  );
}

type HeaderBreak = { headers: Record<string, string>; mutations: string[]; expectedStatus?: number };

function headersArbitrary(operation: SpecOperation, context: FuzzContext): fc.Arbitrary<HeaderBreak> {
  const choices: fc.Arbitrary<HeaderBreak>[] = [
    fc
      .constantFrom('', 'a b', 'x'.repeat(200), '../..', 'ünï', "'; --")
      .map((value) => ({ headers: { ...context.auth, 'X-Request-Id': value }, mutations: [`X-Request-Id ${JSON.stringify(value)}`] })),
  ];
  if (operation.method !== 'get' && operation.method !== 'delete') {
    // Sent with the valid body: a parser that skips it, or a charset it cannot read, must still end in a 4xx or a success.
    choices.push(
      fc
        .constantFrom(
          'text/plain',
          'application/json; charset=utf-16',
          'application/json; charset=latin1',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json-patch+json',
        )
        .map((value) => ({
          headers: { ...context.auth, 'Content-Type': value },
          mutations: [`Content-Type ${value}`],
        })),
    );
  }
  if (operation.authenticated)
    choices.push(credentialArbitrary(context).map(({ headers, shown, expectedStatus }) => ({ headers, mutations: [shown], expectedStatus })));
  if (operation.parameters.some((parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key')) {
    choices.push(
      fc.constantFrom('', ' ', 'a b', 'ünï', 'x'.repeat(256), "'; DROP TABLE idempotency_keys; --", '%00').map((value) => ({
        headers: { ...context.auth, 'Idempotency-Key': value },
        mutations: [`Idempotency-Key ${JSON.stringify(value)}`],
      })),
    );
  }
  return fc.oneof(...choices);
}

/** The sites an operation has: path only with path parameters, body for every write; query and headers always. */
export function sitesOf(operation: SpecOperation): Site[] {
  const sites: Site[] = [];
  if (operation.parameters.some((parameter) => parameter.in === 'path')) sites.push('path');
  sites.push('query');
  if (operation.method !== 'get' && operation.method !== 'delete') sites.push('body');
  sites.push('headers');
  return sites;
}

/** Requests to one operation that are valid except at the site, built from the document and the caller's world. */
export function fuzzRequests(operation: SpecOperation, site: Site, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const pathValues = Object.fromEntries(
    operation.parameters
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => [parameter.name, context.ids.own[collectionOf(operation.template, parameter.name)]]),
  );
  const build = (
    values: Record<string, string>,
    query: string,
    headers: Record<string, string>,
    body: string | undefined,
    mutations: string[],
    expectedStatus?: number,
  ): FuzzRequest => ({
    method: operation.method,
    url: operation.template.replace(/\{(\w+)\}/g, (_match, name: string) => values[name]) + (query ? `?${query}` : ''),
    headers,
    body,
    mutations,
    expectedStatus,
  });
  const validBody = operation.body ? toJsonText(context.body) : undefined;
  switch (site) {
    case 'path':
      return (pathArbitrary(operation, context) as NonNullable<ReturnType<typeof pathArbitrary>>).map(({ values, mutations, expectedStatus }) =>
        build(values, '', context.auth, validBody, mutations, expectedStatus),
      );
    case 'query':
      return queryArbitrary(operation).map(({ query, mutations }) => build(pathValues, query, context.auth, validBody, mutations));
    case 'body':
      return bodyArbitrary(operation, context).map(({ body, mutations }) => build(pathValues, '', context.auth, body, mutations));
    case 'headers':
      return headersArbitrary(operation, context).map(({ headers, mutations, expectedStatus }) =>
        build(pathValues, '', headers, validBody, mutations, expectedStatus),
      );
  }
}
