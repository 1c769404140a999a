import type { DataSource } from 'typeorm';
import { JOB_SCHEMA } from '../../src/jobs/queues';

export type Fingerprint = Record<string, string>;

/**
 * Reads a fingerprint of every table, the job queue's included, in one statement:
 * per table its row count and the md5 of its rows in a stable order. It is
 * cheap enough to take after each of a thousand requests, and any insert,
 * update or delete changes it.
 */
export async function fingerprintReader(dataSource: DataSource): Promise<() => Promise<Fingerprint>> {
  const tables: Array<{ schema: string; name: string }> = await dataSource.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_schema IN ('public', $1) AND table_type = 'BASE TABLE'
        -- Bumped by every authenticated request, refused ones included, before the route even runs: bookkeeping, not data.
        AND NOT (table_schema = 'public' AND table_name = 'rate_limit_counters')
      ORDER BY 1, 2`,
    [JOB_SCHEMA],
  );
  // idempotency_keys stays in: a refused request releases its claim, so the table must end as it began.
  // Columns are named by position: the job queue's partitions have names longer than an identifier may be.
  const columns = tables.map(
    ({ schema, name }, index) =>
      `(SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '-') FROM "${schema}"."${name}" t) AS t${index}`,
  );
  const statement = `SELECT ${columns.join(',\n')}`;
  return async () => {
    const [row] = (await dataSource.query(statement)) as Array<Record<string, string>>;
    return Object.fromEntries(tables.map(({ schema, name }, index) => [`${schema}.${name}`, row[`t${index}`]]));
  };
}

/** The tables whose fingerprints differ, or [] when none does. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}
