import { decodeCursor, encodeCursor, InvalidCursorProblem, type Keyset } from './cursor';

const LEDGER: Keyset = {
  direction: 'ASC',
  keys: [
    { column: 'tx.executed_at', type: 'timestamptz' },
    { column: 'tx.sequence', type: 'bigint' },
    { column: 'tx.id', type: 'uuid' },
    { column: 'tx.note', type: 'text' },
  ],
};
const ID = '3f2c6a0e-8a41-4c1e-9a55-2b7d0c9e4f10';
const b64 = (text: string) => Buffer.from(text).toString('base64url');
const forged = (value: unknown) => b64(JSON.stringify(value));

describe('keyset cursor codec', () => {
  it('carries the key values back exactly, microseconds and 64-bit integers included', () => {
    const key = ['2026-01-02T03:04:05.123456Z', '9223372036854775807', ID, 'AAPL'];
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(LEDGER, cursor)).toEqual(key);
  });

  it('has no cursor on the first page', () => {
    expect(decodeCursor(LEDGER, undefined)).toBeNull();
  });

  it.each([
    ['not base64url', '!!!'],
    ['base64 padding', `${forged({ k: ['2026-01-02T03:04:05Z', '1', ID, 'x'] })}=`],
    ['not JSON', b64('not json')],
    ['truncated JSON', b64('{"k":[')],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url')],
    ['JSON null', forged(null)],
    ['a JSON array', forged(['2026-01-02T03:04:05Z', '1', ID, 'x'])],
    ['no k', forged({ key: ['2026-01-02T03:04:05Z', '1', ID, 'x'] })],
    ['an extra field', forged({ k: ['2026-01-02T03:04:05Z', '1', ID, 'x'], u: 'someone' })],
    ['k not an array', forged({ k: 'x' })],
    ['too few parts', forged({ k: ['x'] })],
    ['too many parts', forged({ k: ['2026-01-02T03:04:05Z', '1', ID, 'x', 'y'] })],
    ['a number for a timestamp', forged({ k: [1767322800000, '1', ID, 'x'] })],
    ['a non-date timestamp', forged({ k: ['yesterday', '1', ID, 'x'] })],
    ['February 30th', forged({ k: ['2026-02-30T00:00:00Z', '1', ID, 'x'] })],
    ['a timestamp with an offset', forged({ k: ['2026-01-02T03:04:05+01:00', '1', ID, 'x'] })],
    ['nanoseconds', forged({ k: ['2026-01-02T03:04:05.123456789Z', '1', ID, 'x'] })],
    ['a decimal sequence', forged({ k: ['2026-01-02T03:04:05Z', '1.5', ID, 'x'] })],
    ['a sequence past 64 bits', forged({ k: ['2026-01-02T03:04:05Z', '9223372036854775808', ID, 'x'] })],
    ['a malformed uuid', forged({ k: ['2026-01-02T03:04:05Z', '1', 'not-a-uuid', 'x'] })],
    ['null for the uuid', forged({ k: ['2026-01-02T03:04:05Z', '1', null, 'x'] })],
    ['NUL in text', forged({ k: ['2026-01-02T03:04:05Z', '1', ID, 'a\u0000b'] })],
    ['a lone surrogate in text', forged({ k: ['2026-01-02T03:04:05Z', '1', ID, '\ud800'] })],
    ['overlong text', forged({ k: ['2026-01-02T03:04:05Z', '1', ID, 'x'.repeat(256)] })],
    ['an array for text', forged({ k: ['2026-01-02T03:04:05Z', '1', ID, ['x']] })],
  ])('refuses %s with INVALID_CURSOR on the field cursor', (_, cursor) => {
    let thrown: unknown;
    try {
      decodeCursor(LEDGER, cursor);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidCursorProblem);
    expect(thrown).toMatchObject({ code: 'INVALID_CURSOR', errors: [{ field: 'cursor', rule: 'isCursor' }] });
    expect((thrown as InvalidCursorProblem).getStatus()).toBe(400);
  });
});
