import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate, ValidateBy } from 'class-validator';

/** Clients' clocks run a little ahead; a minute of grace keeps "now" from being refused as future. */
export const CLOCK_SKEW_MS = 60_000;

const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/i;

/**
 * The instant an RFC 3339 date-time names (the format the document gives every
 * timestamp), or null for anything else. JavaScript's own parser is lenient:
 * it reads `+275760-09-13T00:00:00Z`, `Tue, 24 Nov 2026 16:00:00 GMT`, a bare
 * date or a number, and rolls 2026-02-30 over into March.
 */
export function parseRfc3339(text: string): Date | null {
  const match = RFC_3339.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second, offsetHour = '0', offsetMinute = '0'] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const calendar = new Date(0);
  calendar.setUTCFullYear(year, month - 1, day);
  if (month < 1 || month > 12 || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59 || Number(offsetHour) > 23 || Number(offsetMinute) > 59) return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** An RFC 3339 string becomes a Date; anything else stays as sent, for IsDate to refuse. */
const toTimestamp = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (parseRfc3339(value) ?? value) : value));

const TIMESTAMP_MESSAGE = 'must be an RFC 3339 timestamp such as 2026-11-24T16:00:00Z';

/** An RFC 3339 timestamp. */
export function IsTimestamp(): PropertyDecorator {
  return applyDecorators(toTimestamp, IsDate({ message: TIMESTAMP_MESSAGE }));
}

/** An RFC 3339 timestamp that is not in the future. */
export function IsPastTimestamp(): PropertyDecorator {
  return applyDecorators(
    IsTimestamp(),
    ValidateBy({
      name: 'isNotFuture',
      validator: {
        validate: (value) => !(value instanceof Date) || Number.isNaN(value.getTime()) || value.getTime() <= Date.now() + CLOCK_SKEW_MS,
        defaultMessage: () => 'must not be in the future',
      },
    }),
  );
}
