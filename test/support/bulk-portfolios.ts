import { DEFAULT_HOUSEHOLD_OF, givenDefaultHousehold, type Queryable } from './default-household';

export type { Queryable };

export interface BulkSpec {
  count: number;
  cash?: string;
  holdings: Array<{ assetId: string; quantity: string }>;
  targets: Array<{ assetType: string; targetPercentage: string; tolerancePercentage: string }>;
}

/**
 * Many portfolios of one user in three statements. The drift monitor reads the
 * derived rows (positions, cash) and the targets, so these are written
 * directly: building thousands of histories through the API would only slow
 * the test. Returns the new portfolio ids in id order.
 */
export async function givenBulkPortfolios(db: Queryable, userId: string, spec: BulkSpec): Promise<string[]> {
  await givenDefaultHousehold(db, userId);
  const rows = await db.query<Array<{ id: string }>>(
    `WITH created AS (
       INSERT INTO portfolios (user_id, household_id, name, cash)
       SELECT $1, ${DEFAULT_HOUSEHOLD_OF('$1::uuid')}, 'Bulk ' || g, $3::numeric FROM generate_series(1, $2::int) g RETURNING id
     ), held AS (
       INSERT INTO positions (portfolio_id, asset_id, quantity, cost_basis)
       SELECT c.id, h."assetId", h.quantity, 0 FROM created c CROSS JOIN jsonb_to_recordset($4::jsonb) AS h("assetId" uuid, quantity numeric)
       RETURNING portfolio_id
     ), targeted AS (
       INSERT INTO target_allocations (portfolio_id, asset_type, target_percentage, tolerance_percentage)
       SELECT c.id, t."assetType", t."targetPercentage", t."tolerancePercentage"
       FROM created c CROSS JOIN jsonb_to_recordset($5::jsonb) AS t("assetType" text, "targetPercentage" numeric, "tolerancePercentage" numeric)
       RETURNING portfolio_id
     )
     SELECT id FROM created ORDER BY id`,
    [userId, spec.count, spec.cash ?? '0', JSON.stringify(spec.holdings), JSON.stringify(spec.targets)],
  );
  return rows.map((row) => row.id);
}
