export interface Queryable {
  query<T = unknown>(sql: string, params?: unknown[]): Promise<T>;
}

/**
 * SQL for the user's default household id, in a fixture that inserts portfolios directly; run
 * givenDefaultHousehold first. `userParameter` is the placeholder that holds the user id ($1).
 */
export const DEFAULT_HOUSEHOLD_OF = (userParameter: string) => `(SELECT id FROM households WHERE user_id = ${userParameter} AND is_default)`;

/** The user's default household, created as POST /portfolios would; returns its id. */
export async function givenDefaultHousehold(db: Queryable, userId: string): Promise<string> {
  const rows = await db.query<Array<{ id: string }>>(
    `INSERT INTO households (user_id, name, is_default) VALUES ($1, 'Default household', true)
     ON CONFLICT (user_id) WHERE is_default DO UPDATE SET is_default = true RETURNING id`,
    [userId],
  );
  return rows[0].id;
}
