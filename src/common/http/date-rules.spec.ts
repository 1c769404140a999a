import { parseRfc3339 } from './date-rules';

describe('timestamps are RFC 3339 date-times, as the document says', () => {
  it.each([
    ['2026-11-24T16:00:00Z', '2026-11-24T16:00:00.000Z'],
    ['2026-11-24T16:00:00.123456789Z', '2026-11-24T16:00:00.123Z'],
    ['2026-11-24T17:30:00+01:30', '2026-11-24T16:00:00.000Z'],
    ['2026-11-24t16:00:00z', '2026-11-24T16:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, instant) => {
    expect(parseRfc3339(text)?.toISOString()).toBe(instant);
  });

  it.each([
    ['an extended year', '+275760-09-13T00:00:00Z'],
    ['a negative year', '-000001-01-01T00:00:00Z'],
    ['RFC 2822 text', 'Tue, 24 Nov 2026 16:00:00 GMT'],
    ['a bare date', '2026-11-24'],
    ['no offset', '2026-11-24T16:00:00'],
    ['digits of a Unix time', '1732464000000'],
    ['a day the month lacks', '2026-02-30T00:00:00Z'],
    ['February 29 of a common year', '2026-02-29T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['hour 25', '2026-11-24T25:00:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['an offset of 25 hours', '2026-11-24T16:00:00+25:00'],
    ['a space for the T', '2026-11-24 16:00:00Z'],
    ['text after it', '2026-11-24T16:00:00Z junk'],
  ])('refuses %s (%s)', (_kind, text) => {
    expect(parseRfc3339(text)).toBeNull();
  });
});
