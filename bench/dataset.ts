import type { DataSource } from 'typeorm';

export type Size = 'smoke' | 'default' | 'large';

export interface DatasetShape {
  portfolios: number;
  positionsPerPortfolio: number;
  lotsPerPosition: number;
  assets: number;
}

export const SIZES: Record<Size, DatasetShape> = {
  smoke: { portfolios: 300, positionsPerPortfolio: 20, lotsPerPosition: 3, assets: 500 },
  default: { portfolios: 10_000, positionsPerPortfolio: 20, lotsPerPosition: 3, assets: 500 },
  large: { portfolios: 100_000, positionsPerPortfolio: 20, lotsPerPosition: 3, assets: 500 },
};

export const ASSET_CLASSES = ['stock', 'intl_stock', 'bond', 'real_estate', 'commodity', 'crypto'];

// Three target sets, each summing to 100 over the six classes, assigned by portfolio number.
const TARGET_SETS = [
  [40, 10, 30, 10, 5, 5],
  [30, 20, 25, 10, 10, 5],
  [50, 10, 20, 10, 5, 5],
];

/**
 * Writes the whole dataset with set-based SQL. Every number and every id is a
 * hash of the seed and the row's coordinates, so two runs with one seed hold
 * the same data. Positions are the sums of their lots, as the ledger derives them.
 */
export async function generate(dataSource: DataSource, shape: DatasetShape, seed: number, progress: (step: string) => void): Promise<void> {
  const h = (expression: string) => `abs(hashtext('${seed}:' || ${expression}))`;
  // Version 4 and variant bits set, so the ids pass the API's UUID validation like any other.
  const uuid = (expression: string) => `overlay(overlay(md5('${seed}:' || ${expression}) placing '4' from 13) placing '8' from 17)::uuid`;
  const classes = `ARRAY[${ASSET_CLASSES.map((c) => `'${c}'`).join(',')}]`;
  const stride = Math.floor(shape.assets / shape.positionsPerPortfolio);

  progress('assets and prices');
  await dataSource.query(
    `INSERT INTO assets (id, symbol, name, asset_type, currency)
     SELECT ${uuid(`'asset:' || g`)}, 'BN' || lpad(g::text, 4, '0'), 'Bench asset ' || g, (${classes})[1 + g % ${ASSET_CLASSES.length}], 'USD'
     FROM generate_series(0, ${shape.assets - 1}) g`,
  );
  await dataSource.query(
    `INSERT INTO asset_prices (asset_id, price, as_of)
     SELECT ${uuid(`'asset:' || g`)}, 5 + (${h(`'price:' || g || ':' || d`)} % 50000) / 100.0, now() - make_interval(days => d)
     FROM generate_series(0, ${shape.assets - 1}) g, generate_series(0, 1) d`,
  );
  progress('user and portfolios');
  await dataSource.query(`INSERT INTO users (id, email, password_hash) VALUES (${uuid(`'user'`)}, 'bench@rebalance.local', 'not a usable hash')`);
  await dataSource.query(
    `INSERT INTO households (id, user_id, name, is_default) VALUES (${uuid(`'household'`)}, ${uuid(`'user'`)}, 'Default household', true)`,
  );
  await dataSource.query(
    `INSERT INTO portfolios (id, user_id, household_id, name, cash, created_at)
     SELECT ${uuid(`'portfolio:' || p`)}, ${uuid(`'user'`)}, ${uuid(`'household'`)}, 'Bench ' || p, (${h(`'cash:' || p`)} % 1000000) / 100.0, now() - make_interval(secs => ${shape.portfolios} - p)
     FROM generate_series(1, ${shape.portfolios}) p`,
  );
  progress('tax lots');
  await dataSource.query(
    `INSERT INTO tax_lots (id, portfolio_id, asset_id, quantity, cost_basis, acquired_at, holding_period_start, wash_sale_adjustment)
     SELECT ${uuid(`'lot:' || p || ':' || k || ':' || j`)}, ${uuid(`'portfolio:' || p`)}, ${uuid(`'asset:' || ((${h(`'base:' || p`)} + ${stride} * k) % ${shape.assets})`)},
            q.quantity, q.quantity * (5 + (${h(`'basis:' || p || ':' || k || ':' || j`)} % 50000) / 100.0), q.acquired_at, q.acquired_at, 0
     FROM generate_series(1, ${shape.portfolios}) p, generate_series(0, ${shape.positionsPerPortfolio - 1}) k, generate_series(1, ${shape.lotsPerPosition}) j,
          LATERAL (SELECT (1 + ${h(`'qty:' || p || ':' || k || ':' || j`)} % 2000) / 10.0 AS quantity,
                          now() - make_interval(days => 1 + ${h(`'age:' || p || ':' || k || ':' || j`)} % 1500) AS acquired_at) q`,
  );
  progress('positions');
  await dataSource.query(
    `INSERT INTO positions (portfolio_id, asset_id, quantity, cost_basis)
     SELECT portfolio_id, asset_id, sum(quantity), sum(cost_basis) FROM tax_lots GROUP BY portfolio_id, asset_id`,
  );
  progress('targets');
  await dataSource.query(
    `INSERT INTO target_allocations (portfolio_id, asset_type, target_percentage, tolerance_percentage)
     SELECT ${uuid(`'portfolio:' || p`)}, (${classes})[c], (ARRAY[${TARGET_SETS.map((set) => `ARRAY[${set.join(',')}]`).join(',')}])[1 + p % ${TARGET_SETS.length}][c], 5
     FROM generate_series(1, ${shape.portfolios}) p, generate_series(1, ${ASSET_CLASSES.length}) c`,
  );
  progress('statistics');
  await dataSource.query('ANALYZE');
}
