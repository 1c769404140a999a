import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DEFAULT_PAGE_SIZE } from '../http/pagination';
import { decodeCursor, encodeCursor, type KeyPart, type Keyset } from './cursor';

/** Which page of a list to read: the HTTP query's limit and cursor, mapped at the edge by `toPageRequest`. */
export interface PageRequest {
  /** DEFAULT_PAGE_SIZE when absent. */
  readonly limit?: number;
  /** Absent for the first page. */
  readonly cursor?: string;
}

export interface Page<T> {
  rows: T[];
  nextCursor: string | null;
}

/**
 * The key's value as SQL text the cursor can carry back exactly: timestamps keep PostgreSQL's microseconds,
 * which a JS Date would round away. Always an expression: TypeORM takes a bare `alias.column` selected
 * under another name away from the entity.
 */
function keyText(key: KeyPart): string {
  if (key.type === 'timestamptz') return `to_char(${key.column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  return `${key.column}::text`;
}

/** A cursor value as a typed SQL parameter; text takes its column's type (varchar) from the comparison. */
function keyParameter(key: KeyPart, name: string): string {
  return key.type === 'text' ? `:${name}` : `CAST(:${name} AS ${key.type})`;
}

/**
 * One page of a query in the keyset's order. The query must select one row per
 * item (joins many-to-one only), since the cursor is read from the raw row.
 * Callers add their own filters; the keyset adds the order, the "after the
 * cursor" condition and the limit.
 */
export async function paginate<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>, keyset: Keyset, query: PageRequest): Promise<Page<T>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = decodeCursor(keyset, query.cursor);
  keyset.keys.forEach((key, index) => {
    if (index === 0) builder.orderBy(key.column, keyset.direction);
    else builder.addOrderBy(key.column, keyset.direction);
    builder.addSelect(keyText(key), `cursor_key_${index}`);
  });
  if (after) {
    const columns = keyset.keys.map((key) => key.column).join(', ');
    const parameters = keyset.keys.map((key, index) => keyParameter(key, `cursorKey${index}`)).join(', ');
    builder.andWhere(
      `(${columns}) ${keyset.direction === 'ASC' ? '>' : '<'} (${parameters})`,
      Object.fromEntries(after.map((value, index) => [`cursorKey${index}`, value])),
    );
  }
  const { entities, raw } = await builder.limit(limit + 1).getRawAndEntities();
  if (entities.length <= limit) return { rows: entities, nextCursor: null };
  const last = raw[limit - 1] as Record<string, string>;
  return { rows: entities.slice(0, limit), nextCursor: encodeCursor(keyset.keys.map((_, index) => last[`cursor_key_${index}`])) };
}

/**
 * One page of a list computed in memory, already sorted by its text keys with
 * localeCompare. An item whose key is null (a closing line such as cash) sorts
 * after every cursor.
 */
export function paginateInMemory<T>(items: readonly T[], keyset: Keyset, query: PageRequest, keyOf: (item: T) => readonly string[] | null): Page<T> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = decodeCursor(keyset, query.cursor);
  const sign = keyset.direction === 'ASC' ? 1 : -1;
  const isAfter = (key: readonly string[] | null): boolean => {
    if (key === null || after === null) return true;
    const order = key.map((part, index) => part.localeCompare(after[index])).find((comparison) => comparison !== 0) ?? 0;
    return order * sign > 0;
  };
  const rest = items.filter((item) => isAfter(keyOf(item)));
  const rows = rest.slice(0, limit);
  const last = rows.length > 0 ? keyOf(rows[rows.length - 1]) : null;
  return { rows, nextCursor: rest.length > limit && last ? encodeCursor(last) : null };
}
