import { Client } from 'pg';
import type { Size } from './dataset';
import { call, startServer } from './http';

/**
 * Issue 17: a ledger write costs its household, not the user. One partner user keeps each client
 * as a household; the other clients' households are written with set-based SQL (as dataset.ts
 * writes the drift data), the measured writes go through HTTP to the production build.
 */
export interface HouseholdShape {
  /** Other households of the partner at each measurement, 3 accounts each. */
  others: number[];
  /** Transactions of the one large household. */
  largeHousehold: number;
  /** The issue's table: client portfolios of one user, 12 transactions each, each client its own household. */
  clients: number[];
  /** Measured DEPOSITs per point, after 3 unmeasured ones. */
  writes: number;
}

export const HOUSEHOLD_SIZES: Record<Size, HouseholdShape> = {
  smoke: { others: [0, 10, 100], largeHousehold: 1_000, clients: [1, 11, 31], writes: 5 },
  default: { others: [0, 1_000, 10_000], largeHousehold: 10_000, clients: [1, 101, 1_001, 3_001], writes: 15 },
  large: { others: [0, 1_000, 10_000], largeHousehold: 10_000, clients: [1, 101, 1_001, 3_001], writes: 15 },
};

export interface WritePoint {
  households: number;
  portfolios: number;
  transactions: number;
  /** Median of the measured DEPOSITs, ms. */
  medianMs: number;
  p90Ms: number;
}

export interface HouseholdFigures {
  /** One DEPOSIT into a household of 3 accounts, with this many other households of the same user. */
  others: WritePoint[];
  /** One DEPOSIT into an account of a household holding this many transactions. */
  large: WritePoint;
  /** The issue's table re-measured: one DEPOSIT into one client portfolio among this many. */
  clients: WritePoint[];
}

const PASSWORD = 'bench-password-long-enough';
const ACCOUNT_TYPES = "ARRAY['TAXABLE','TAX_DEFERRED','TAX_EXEMPT']";

/** The partner: a user made through the API, its token, and its id. */
async function givenPartner(url: string, name: string): Promise<{ token: string; userId: string }> {
  const email = `${name}-${Date.now()}@rebalance.local`;
  const { id } = (await call(url, 'POST', '/api/v1/auth/register', null, { email, password: PASSWORD })) as { id: string };
  const { accessToken } = (await call(url, 'POST', '/api/v1/auth/login', null, { email, password: PASSWORD })) as { accessToken: string };
  return { token: accessToken, userId: id };
}

/**
 * Households `from`..`to` of the user, `accounts` accounts each (taxable, tax-deferred, tax-exempt
 * in turn), each account a DEPOSIT then BUYs, `perAccount` transactions in all, with the derived
 * rows a replay of that history gives (a lot per BUY, positions their sums, the cash left).
 */
async function addHouseholds(
  db: Client,
  seed: number,
  userId: string,
  tag: string,
  range: { from: number; to: number },
  accounts: number,
  perAccount: number,
): Promise<void> {
  if (range.to < range.from) return;
  const uuid = (expression: string) => `overlay(overlay(md5('${seed}:${tag}:' || ${expression}) placing '4' from 13) placing '8' from 17)::uuid`;
  const h = (expression: string) => `abs(hashtext('${seed}:${tag}:' || ${expression}))`;
  const asset = (expression: string) => `overlay(overlay(md5('${seed}:' || 'asset:' || ${expression}) placing '4' from 13) placing '8' from 17)::uuid`;
  const series = `generate_series(${range.from}, ${range.to}) hh, generate_series(1, ${accounts}) a`;
  await db.query(
    `INSERT INTO households (id, user_id, name, external_id)
     SELECT ${uuid(`'household:' || hh`)}, $1, 'Client ' || hh, '${tag}-' || hh FROM generate_series(${range.from}, ${range.to}) hh`,
    [userId],
  );
  await db.query(
    `INSERT INTO portfolios (id, user_id, household_id, name, account_type)
     SELECT ${uuid(`'portfolio:' || hh || ':' || a`)}, $1, ${uuid(`'household:' || hh`)}, 'Client ' || hh || ' account ' || a, (${ACCOUNT_TYPES})[1 + (a - 1) % 3]
     FROM ${series}`,
    [userId],
  );
  await db.query(
    `INSERT INTO transactions (id, portfolio_id, type, executed_at, amount, asset_id, quantity, price, fee)
     SELECT ${uuid(`'tx:' || hh || ':' || a || ':' || k`)}, ${uuid(`'portfolio:' || hh || ':' || a`)},
            CASE WHEN k = 0 THEN 'DEPOSIT' ELSE 'BUY' END, timestamptz '2024-01-02 15:00Z' + make_interval(days => k),
            CASE WHEN k = 0 THEN 100000 END,
            CASE WHEN k > 0 THEN ${asset(`(${h(`'asset:' || hh || ':' || a || ':' || k`)} % 500)`)} END,
            CASE WHEN k > 0 THEN 1 + ${h(`'qty:' || hh || ':' || a || ':' || k`)} % 20 END,
            CASE WHEN k > 0 THEN 10 + ${h(`'price:' || hh || ':' || a || ':' || k`)} % 200 END,
            CASE WHEN k > 0 THEN 0 END
     FROM ${series}, generate_series(0, ${perAccount - 1}) k ORDER BY hh, a, k`,
  );
  const accountsOf = `SELECT id FROM portfolios WHERE household_id IN (SELECT ${uuid(`'household:' || hh`)} FROM generate_series(${range.from}, ${range.to}) hh)`;
  await db.query(
    `INSERT INTO tax_lots (id, portfolio_id, asset_id, quantity, cost_basis, acquired_at, holding_period_start, wash_sale_adjustment)
     SELECT id, portfolio_id, asset_id, quantity, quantity * price + fee, executed_at, executed_at, 0
     FROM transactions WHERE type = 'BUY' AND portfolio_id IN (${accountsOf})`,
  );
  await db.query(
    `INSERT INTO positions (portfolio_id, asset_id, quantity, cost_basis)
     SELECT portfolio_id, asset_id, sum(quantity), sum(cost_basis) FROM tax_lots WHERE portfolio_id IN (${accountsOf}) GROUP BY portfolio_id, asset_id`,
  );
  await db.query(
    `UPDATE portfolios p SET cash = 100000 - spent.total
     FROM (SELECT portfolio_id, sum(cost_basis) AS total FROM tax_lots WHERE portfolio_id IN (${accountsOf}) GROUP BY portfolio_id) spent
     WHERE p.id = spent.portfolio_id`,
  );
  await db.query('ANALYZE');
}

/**
 * One household of 3 accounts holding `total` transactions: a DEPOSIT each, then pairs of a BUY of
 * 10 units and, 12 hours later, a SELL of 5 of the same asset, every 12 hours over 50 assets, so
 * FIFO always has the units and losses meet repurchases within 30 days (wash sales to compute).
 * No derived rows: the first (unmeasured) write derives them.
 */
async function addLargeHousehold(db: Client, seed: number, userId: string, total: number): Promise<string> {
  const uuid = (expression: string) => `overlay(overlay(md5('${seed}:large:' || ${expression}) placing '4' from 13) placing '8' from 17)::uuid`;
  const h = (expression: string) => `abs(hashtext('${seed}:large:' || ${expression}))`;
  const asset = (expression: string) => `overlay(overlay(md5('${seed}:' || 'asset:' || ${expression}) placing '4' from 13) placing '8' from 17)::uuid`;
  await db.query(`INSERT INTO households (id, user_id, name) VALUES (${uuid(`'household'`)}, $1, 'Active trader')`, [userId]);
  await db.query(
    `INSERT INTO portfolios (id, user_id, household_id, name, account_type)
     SELECT ${uuid(`'portfolio:' || a`)}, $1, ${uuid(`'household'`)}, 'Active account ' || a, (${ACCOUNT_TYPES})[a] FROM generate_series(1, 3) a`,
    [userId],
  );
  const perAccount = Math.ceil(total / 3);
  await db.query(
    `INSERT INTO transactions (id, portfolio_id, type, executed_at, amount, asset_id, quantity, price, fee)
     SELECT ${uuid(`'tx:' || a || ':' || k`)}, ${uuid(`'portfolio:' || a`)},
            CASE WHEN k = 0 THEN 'DEPOSIT' WHEN k % 2 = 1 THEN 'BUY' ELSE 'SELL' END,
            timestamptz '2021-01-04 15:00Z' + make_interval(hours => 12 * k),
            CASE WHEN k = 0 THEN 100000000 END,
            CASE WHEN k > 0 THEN ${asset(`(((k - 1) / 2) % 50)`)} END,
            CASE WHEN k = 0 THEN NULL WHEN k % 2 = 1 THEN 10 ELSE 5 END,
            CASE WHEN k > 0 THEN 50 + ${h(`'price:' || a || ':' || k`)} % 100 END,
            CASE WHEN k > 0 THEN 0 END
     FROM generate_series(1, 3) a, generate_series(0, ${perAccount - 1}) k
     WHERE (a - 1) * ${perAccount} + k < ${total} ORDER BY a, k`,
  );
  await db.query('ANALYZE');
  return (await db.query<{ id: string }>(`SELECT ${uuid(`'portfolio:' || 1`)}::text AS id`)).rows[0].id;
}

async function count(db: Client, userId: string): Promise<{ households: number; portfolios: number; transactions: number }> {
  const { rows } = await db.query<{ households: number; portfolios: number; transactions: number }>(
    `SELECT (SELECT count(*)::int FROM households WHERE user_id = $1) AS households,
            (SELECT count(*)::int FROM portfolios WHERE user_id = $1) AS portfolios,
            (SELECT count(*)::int FROM transactions t JOIN portfolios p ON p.id = t.portfolio_id WHERE p.user_id = $1) AS transactions`,
    [userId],
  );
  return rows[0];
}

/** Sequential DEPOSITs into the portfolio through HTTP: 3 unmeasured, then `writes` timed. */
async function depositLatency(url: string, token: string, portfolioId: string, writes: number): Promise<{ medianMs: number; p90Ms: number }> {
  const times: number[] = [];
  for (let i = 0; i < writes + 3; i++) {
    const started = performance.now();
    await call(url, 'POST', `/api/v1/portfolios/${portfolioId}/transactions`, token, { type: 'DEPOSIT', amount: '1', executedAt: '2026-06-01T12:00:00Z' });
    if (i >= 3) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => Number(times[Math.min(times.length - 1, Math.floor(times.length * share))].toFixed(1));
  return { medianMs: at(0.5), p90Ms: at(0.9) };
}

export async function households(databaseUrl: string, seed: number, shape: HouseholdShape, progress: (line: string) => void): Promise<HouseholdFigures> {
  const server = await startServer(databaseUrl);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    // A household of 3 accounts made through the API (the partner's default household), then ever more other households.
    const partner = await givenPartner(server.url, 'partner');
    const accounts: string[] = [];
    for (const name of ['Measured 1', 'Measured 2', 'Measured 3']) {
      const { id } = (await call(server.url, 'POST', '/api/v1/portfolios', partner.token, { name })) as { id: string };
      accounts.push(id);
      await call(server.url, 'POST', `/api/v1/portfolios/${id}/transactions`, partner.token, {
        type: 'DEPOSIT',
        amount: '10000',
        executedAt: '2026-01-05T12:00:00Z',
      });
    }
    const others: WritePoint[] = [];
    let made = 0;
    for (const target of shape.others) {
      progress(`households: ${target.toLocaleString('en-US')} other households of 3 accounts`);
      await addHouseholds(db, seed, partner.userId, 'other', { from: made + 1, to: target }, 3, 4);
      made = target;
      const sizes = await count(db, partner.userId);
      others.push({ ...sizes, ...(await depositLatency(server.url, partner.token, accounts[0], shape.writes)) });
    }

    progress(`households: one household of ${shape.largeHousehold.toLocaleString('en-US')} transactions`);
    const trader = await givenPartner(server.url, 'trader');
    const active = await addLargeHousehold(db, seed, trader.userId, shape.largeHousehold);
    const large = { ...(await count(db, trader.userId)), ...(await depositLatency(server.url, trader.token, active, shape.writes)) };

    const clients: WritePoint[] = [];
    const firm = await givenPartner(server.url, 'firm');
    let clientsMade = 0;
    for (const target of shape.clients) {
      progress(`households: ${target.toLocaleString('en-US')} client portfolios, each its own household`);
      await addHouseholds(db, seed, firm.userId, 'client', { from: clientsMade + 1, to: target }, 1, 12);
      clientsMade = target;
      const measured = (await db.query<{ id: string }>(`SELECT id FROM portfolios WHERE user_id = $1 AND name = 'Client 1 account 1'`, [firm.userId])).rows[0]
        .id;
      const sizes = await count(db, firm.userId);
      clients.push({ ...sizes, ...(await depositLatency(server.url, firm.token, measured, shape.writes)) });
    }
    return { others, large, clients };
  } finally {
    await db.end();
    await server.stop();
  }
}
