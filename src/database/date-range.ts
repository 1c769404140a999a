import { Between, type FindOperator, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';

/** A WHERE condition for an inclusive, optionally open-ended date range; undefined when neither end is given. */
export function withinRange(from: Date | undefined, to: Date | undefined): FindOperator<Date> | undefined {
  if (from && to) return Between(from, to);
  if (from) return MoreThanOrEqual(from);
  if (to) return LessThanOrEqual(to);
  return undefined;
}
