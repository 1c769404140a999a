import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDate, ValidateBy } from 'class-validator';

/** Clients' clocks run a little ahead; a minute of grace keeps "now" from being refused as future. */
export const CLOCK_SKEW_MS = 60_000;

/** An ISO 8601 timestamp that is not in the future. */
export function IsPastTimestamp(): PropertyDecorator {
  return applyDecorators(
    Type(() => Date),
    IsDate({ message: 'must be an ISO 8601 timestamp such as 2026-11-24T16:00:00Z' }),
    ValidateBy({
      name: 'isNotFuture',
      validator: {
        validate: (value) => !(value instanceof Date) || Number.isNaN(value.getTime()) || value.getTime() <= Date.now() + CLOCK_SKEW_MS,
        defaultMessage: () => 'must not be in the future',
      },
    }),
  );
}
