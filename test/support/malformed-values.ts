import fc from 'fast-check';
import { resolveSchema, type Schema } from './spec-operations';

/** Text put into a JSON body as it is: numbers JSON.stringify cannot write (1e309, -0, 1E+2) and outright broken JSON. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold RawJson parts; keys are written as given, __proto__ included. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : toJsonText(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A body object with a key an object literal would not keep as data. */
const withOwnKey = (key: string, value: unknown): Record<string, unknown> =>
  Object.defineProperty({}, key, { value, enumerable: true, writable: true, configurable: true });

const deep = (depth: number): RawJson => new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`);

/** Numbers a client may send where a JSON value goes: extremes, non-finite, signed zero, exponents. */
export const RAW_NUMBERS = [
  '1e309',
  '-1e309',
  '1e-400',
  '-0',
  '0.0',
  '1E+2',
  '1e2',
  '2.5e-7',
  '123456789012345678901234567890',
  '0.000000001',
  '5e-324',
  '1.7976931348623157e308',
  '9007199254740993',
].map((text) => new RawJson(text));
/** Not JSON at all: the parser, not the application, refuses these. */
export const BROKEN_JSON = ['+1', 'NaN', 'Infinity', '-Infinity', '01', '.5', '1.', '0x10', "'single'", '{', '[1,]', '{"a":1,}', 'undefined', '\u0000'].map(
  (text) => new RawJson(text),
);

/** Strings that are wrong almost anywhere: empty, blank, control characters, unicode, SQL, huge. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\t\n',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '\ufeffBOM',
  'ünïcödé 🚀 漢字',
  '\u202eRTL',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '%',
  '_',
  '\\',
  '$1',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  'x'.repeat(5_000),
];

/** Decimal-looking text the decimal rules must refuse or read exactly. */
export const NASTY_DECIMALS = [
  '+1',
  '+0.5',
  '-0',
  '-0.0',
  '0',
  '1e3',
  '1E-8',
  '1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1_000',
  '1,5',
  '1.',
  '.5',
  ' 1',
  '1 ',
  '１２',
  '١٢',
  '0.000000001',
  '0.00000001',
  '-0.00000001',
  '99999999999999999999999999999999999999999',
  '9'.repeat(48),
  '9'.repeat(400),
  '1'.padEnd(60, '0'),
  '-99999999999999999999',
];

export const NASTY_DATES = [
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-24',
  '2026-11-24T25:00:00Z',
  '2026-11-24T16:00:00+25:00',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1900-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-11-24T16:00:00.123456789Z',
  'yesterday',
  '1732464000000',
  'Tue, 24 Nov 2026 16:00:00 GMT',
];

export const NASTY_UUIDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '{3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987}',
  '3f1c2b9a8d7e4c6ba5f4e3d2c1b0a987',
  '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a98',
  '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a9877',
  '3F1C2B9A-8D7E-4C6B-A5F4-E3D2C1B0A987',
  'g f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987',
  '1',
  '-1',
];

const b64 = (text: string) => Buffer.from(text).toString('base64url');
/** Cursors no list returned: well-formed base64url around the wrong content, and not base64url at all. */
export const FORGED_CURSORS = [
  b64('{"k":["not-a-uuid"]}'),
  b64('{"k":["2026-13-45T99:99:99Z","x"]}'),
  b64('{"k":["2026-01-01T00:00:00Z","not-a-uuid"]}'),
  b64('{"k":["2026-01-01T00:00:00Z","00000000-0000-0000-0000-000000000000"]}'),
  b64('{"k":["00000000-0000-0000-0000-000000000000"]}'),
  b64(`{"k":["' OR 1=1 --"]}`),
  b64('{"k":[1e309]}'),
  b64('{"k":[null]}'),
  b64('{"k":[]}'),
  b64('{"k":["a","b","c"]}'),
  b64('{"k":"x"}'),
  b64('{"k":[{"a":1}]}'),
  b64('{}'),
  b64('[]'),
  b64('null'),
  b64('{"k":["\\u0000"]}'),
  b64('{"k":["\\ud800"]}'),
  b64('{"k":["9999-12-31T23:59:59Z","ffffffff-ffff-ffff-ffff-ffffffffffff"]}'),
  b64('{"k":["ZZZZ"]}'),
  b64('{"k":["' + 'x'.repeat(300) + '"]}'),
  b64('not json'),
  Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url'),
  'A',
  '====',
  'eyJrIjpbIkFBUEwiXX0',
  'x'.repeat(600),
];

/** JSON values of the wrong type for any schema. */
const wrongTypes = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -1,
  1.5,
  '',
  'x',
  [],
  [null],
  [[]],
  {},
  { a: 1 },
  withOwnKey('__proto__', { polluted: true }),
  withOwnKey('constructor', { prototype: { polluted: true } }),
  deep(2000),
  ...RAW_NUMBERS,
);

const str = (values: string[]) => fc.constantFrom(...values);

/** Strings a schema would refuse or misread, chosen by what the schema is: its own kind of trouble three times as often as any string's. */
export function nastyStringFor(input: Schema): fc.Arbitrary<string> {
  const schema = resolveSchema(input);
  const generic: fc.Arbitrary<string>[] = [str(NASTY_STRINGS), fc.string({ unit: 'binary', maxLength: 40 })];
  const specific: fc.Arbitrary<string>[] = [];
  if (schema.pattern?.includes('\\d+(\\.\\d+)?')) specific.push(str(NASTY_DECIMALS), fc.double().map(String));
  if (schema.format === 'date-time') specific.push(str(NASTY_DATES));
  if (schema.format === 'uuid') specific.push(str(NASTY_UUIDS));
  if (schema.enum) {
    const values = schema.enum.map(String);
    specific.push(str([...values.map((value) => value.toLowerCase()), ...values.map((value) => ` ${value}`), values.join(','), 'UNKNOWN']));
  }
  if (schema.type === 'number' || schema.type === 'integer')
    specific.push(str(['0', '-1', '1.5', '1e2', '201', '99999999999999999999', 'NaN', 'Infinity', '0x10', '+5', ' 5', '-0', '1e309']));
  if (schema.type === 'boolean') specific.push(str(['yes', 'no', 'TRUE', '1', '0', 'null', 'on']));
  if (schema.pattern === '^[A-Za-z0-9_-]+$') specific.push(str(FORGED_CURSORS));
  if (schema.maxLength !== undefined) generic.push(fc.constant('7'.repeat(schema.maxLength + 1)));
  return fc.oneof(...generic.map((arbitrary) => ({ weight: 1, arbitrary })), ...specific.map((arbitrary) => ({ weight: 3, arbitrary })));
}

/** A JSON value the schema refuses (or should read strictly): a wrong type or a nasty string or number. */
export function malformedFor(input: Schema): fc.Arbitrary<unknown> {
  const schema = resolveSchema(input);
  const choices: fc.Arbitrary<unknown>[] = [wrongTypes, nastyStringFor(schema), nastyStringFor(schema), fc.constantFrom(...RAW_NUMBERS)];
  if (schema.type === 'array') {
    const item = schema.items ?? {};
    choices.push(
      fc.constantFrom<unknown>({}, { 0: 'x' }, 'a,b', [[]], [null], [{}], [[[]]]),
      malformedFor(item).map((value) => [value]),
      fc.constant(Array.from({ length: (schema.maxItems ?? 1000) + 1 }, () => null)),
    );
  }
  if (schema.type === 'object') choices.push(fc.constantFrom<unknown>([], [{}], 'object', [[]]));
  if (schema.type === 'number' || schema.type === 'integer' || schema.pattern?.includes('\\d+(\\.\\d+)?')) {
    choices.push(fc.double(), fc.constantFrom<unknown>(Number.MAX_SAFE_INTEGER + 2, -1e21, 1e-7, 0.1 + 0.2));
  }
  return fc.oneof(...choices);
}

/** A whole request body of the wrong kind, whatever the operation expects. */
export const malformedRootBody: fc.Arbitrary<unknown> = fc.oneof(
  wrongTypes,
  fc.constantFrom(...BROKEN_JSON),
  fc.constantFrom<unknown>(new RawJson(''), new RawJson('{"a":'.repeat(1500)), deep(2000), deep(20_000), new RawJson(`{"x":"${'a'.repeat(200_000)}"}`)),
);
