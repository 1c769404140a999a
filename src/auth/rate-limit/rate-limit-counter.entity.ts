import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Requests of one caller in the current fixed one-minute window. One row per
 * caller, reset in place when a new window starts, so the table never grows
 * beyond the number of callers. The migration makes it UNLOGGED: a counter
 * lost in a crash costs nothing, and skipping the WAL keeps the write cheap.
 */
@Entity('rate_limit_counters')
export class RateLimitCounter {
  /** `user:<id>` or `key:<id>`. */
  @PrimaryColumn('varchar', { length: 60 })
  subject: string;

  @Column('timestamptz', { name: 'window_start' })
  windowStart: Date;

  @Column('integer')
  count: number;
}
