import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { Big } from '../common/decimal/decimal';
import type { AccountType } from './domain/account-types';
import type { LotMethod, OpenLot, PortfolioState, RealizedGain as LedgerRealizedGain } from './domain/ledger';
import { Portfolio } from './entities/portfolio.entity';
import { Transaction } from './entities/transaction.entity';

/** A household's whole history: what a replay of the ledger starts from. */
export interface HouseholdHistory {
  portfolios: Array<{ id: string; lotMethod: LotMethod; accountType: AccountType }>;
  transactions: Transaction[];
}

/**
 * SQL for a household's wash-sale activity since a time, as rows (asset_id, kind, at): its BUYs and
 * its taxable loss-realizing disposals, in every account. The arguments are SQL expressions for the
 * owner, the household and the time, so a statement can name them by parameter or by column.
 */
export const WASH_SALE_ACTIVITY_OF_HOUSEHOLD = (userId: string, householdId: string, since: string) =>
  `SELECT t.asset_id, 'BUY' AS kind, t.executed_at AS at
     FROM transactions t JOIN portfolios scope ON scope.id = t.portfolio_id
    WHERE scope.user_id = ${userId} AND scope.household_id = ${householdId} AND t.type = 'BUY' AND t.executed_at >= ${since}
   UNION ALL
   SELECT g.asset_id, 'LOSS_SALE' AS kind, g.disposed_at AS at
     FROM realized_gains g JOIN portfolios scope ON scope.id = g.portfolio_id
    WHERE scope.user_id = ${userId} AND scope.household_id = ${householdId} AND g.taxable AND g.gain < 0 AND g.disposed_at >= ${since}`;

/** One of the household's BUYs or loss-realizing SELLs: what the wash-sale rule looks back on. */
export interface WashSaleActivity {
  assetId: string;
  kind: 'BUY' | 'LOSS_SALE';
  at: Date;
}

/**
 * The ledger's storage: the household lock every ledger write takes, the history a replay reads and
 * the derived rows (cash, positions, open lots, realized gains) it rewrites. The unit is the
 * household (the taxpayer), since wash sales reach across its accounts and no further.
 */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The household of the user's portfolio, or null when the portfolio is not theirs. */
  async householdOf(userId: string, portfolioId: string, tx: Tx = this.dataSource.manager): Promise<string | null> {
    const rows: Array<{ household_id: string }> = await tx.query('SELECT household_id FROM portfolios WHERE id = $1 AND user_id = $2', [portfolioId, userId]);
    return rows[0]?.household_id ?? null;
  }

  /** Serializes the ledger writes of these households (two requests at once see each other's rows); locks in id order, so two writers never deadlock. */
  async lockHouseholds(householdIds: string[], tx: Tx): Promise<void> {
    await tx.query('SELECT 1 FROM households WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [householdIds]);
  }

  /**
   * The household's accounts (id, lot method, account type) and every transaction in them. Takes
   * no owner: the caller found the household through one of the user's portfolios (householdOf).
   */
  async historyOf(householdId: string, tx: Tx = this.dataSource.manager): Promise<HouseholdHistory> {
    const portfolios = await tx.find(Portfolio, { where: { householdId }, select: { id: true, lotMethod: true, accountType: true } });
    const transactions = portfolios.length === 0 ? [] : await tx.find(Transaction, { where: { portfolioId: In(portfolios.map((portfolio) => portfolio.id)) } });
    return {
      portfolios: portfolios.map((portfolio) => ({ id: portfolio.id, lotMethod: portfolio.lotMethod, accountType: portfolio.accountType })),
      transactions,
    };
  }

  /**
   * Which history the household has: its accounts and, per account, how many transactions and the
   * newest sequence. A transaction added or removed, or an account moved in or out, changes it: a
   * household plan's stale guard. Takes no owner: the caller checked the household is the user's.
   */
  async historyVersionOf(householdId: string, tx: Tx = this.dataSource.manager): Promise<string> {
    const [row] = await tx.query<Array<{ version: string }>>(
      `SELECT md5(coalesce(string_agg(p.id || ':' || h.n || ':' || h.last, ',' ORDER BY p.id), '')) AS version
         FROM portfolios p
         CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(max(t.sequence), 0) AS last FROM transactions t WHERE t.portfolio_id = p.id) h
        WHERE p.household_id = $1`,
      [householdId],
    );
    return row.version;
  }

  /** Names of the household's portfolios among `ids`, for messages that name them. */
  async portfolioNames(householdId: string, ids: string[], tx: Tx): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const named = await tx.find(Portfolio, { where: { id: In(ids), householdId }, select: { id: true, name: true } });
    return new Map(named.map((portfolio) => [portfolio.id, portfolio.name]));
  }

  /**
   * Makes the derived rows of these portfolios equal to a replay's result (portfolios the replay
   * left out keep none), writing only the difference: a write's cost follows what it changed, not
   * how many rows the scope holds. Rows a replay leaves as they were are not touched (their xmin
   * stays), so an untouched portfolio costs one read per table. Derived ids are deterministic
   * (domain/ids.ts), so a row is the same row across replays.
   */
  async replaceDerivedRows(portfolioIds: string[], states: Iterable<PortfolioState>, tx: Tx): Promise<void> {
    if (portfolioIds.length === 0) return;
    const replayed = [...states];
    const cash = new Map(replayed.map((state) => [state.portfolioId, state.cash.toFixed()]));
    const lots = replayed.flatMap((state) => state.lots.map((lot) => lotRow(lot)));
    const positions = replayed.flatMap((state) => positionRows(state));
    const gains = replayed.flatMap((state) => state.realizedGains.map((gain) => gainRow(gain)));
    await this.writeDifference(REALIZED_GAINS, portfolioIds, gains, tx);
    await this.writeDifference(TAX_LOTS, portfolioIds, lots, tx);
    await this.writeDifference(POSITIONS, portfolioIds, positions, tx);
    const stored: Array<{ id: string; cash: string }> = await tx.query('SELECT id, cash FROM portfolios WHERE id = ANY($1::uuid[])', [portfolioIds]);
    const changed = stored.flatMap((row) => {
      const next = cash.get(row.id) ?? '0';
      return new Big(row.cash).eq(next) ? [] : [[row.id, next]];
    });
    if (changed.length > 0) {
      await tx.query(
        `UPDATE portfolios p SET cash = v.cash, updated_at = now()
           FROM unnest($1::uuid[], $2::numeric[]) AS v(id, cash) WHERE p.id = v.id`,
        [changed.map(([id]) => id), changed.map(([, value]) => value)],
      );
    }
  }

  /** Deletes, inserts and updates in one statement each, whatever the number of rows. */
  private async writeDifference(table: DerivedTable, portfolioIds: string[], rows: Row[], tx: Tx): Promise<void> {
    const columns = table.columns.map(([name]) => name);
    const stored: Array<Record<string, unknown>> = await tx.query(`SELECT ${columns.join(', ')} FROM ${table.name} WHERE portfolio_id = ANY($1::uuid[])`, [
      portfolioIds,
    ]);
    const keyOf = (row: Row) => table.key.map((column) => row[column]).join(':');
    const wanted = new Map(rows.map((row) => [keyOf(row), row]));
    const gone: Row[] = [];
    const changed: Row[] = [];
    for (const raw of stored) {
      const row = normalized(table, raw);
      const next = wanted.get(keyOf(row));
      if (!next) gone.push(row);
      else if (table.columns.some(([column, type]) => !sameValue(type, row[column], next[column]))) changed.push(next);
      wanted.delete(keyOf(row));
    }
    const added = [...wanted.values()];
    const keys = table.key;
    const keyTypes = keys.map((key) => table.columns.find(([name]) => name === key)?.[1]);
    if (gone.length > 0) {
      await tx.query(
        `DELETE FROM ${table.name} t USING unnest(${keys.map((_, i) => `$${i + 1}::${keyTypes[i]}[]`).join(', ')}) AS d(${keys.join(', ')})
          WHERE ${keys.map((key) => `t.${key} = d.${key}`).join(' AND ')}`,
        table.key.map((column) => gone.map((row) => row[column])),
      );
    }
    const arrays = (of: Row[]) => columns.map((column) => of.map((row) => row[column]));
    const unnest = `unnest(${table.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) AS v(${columns.join(', ')})`;
    if (added.length > 0) {
      await tx.query(`INSERT INTO ${table.name} (${columns.join(', ')}) SELECT ${columns.map((c) => `v.${c}`).join(', ')} FROM ${unnest}`, arrays(added));
    }
    if (changed.length > 0) {
      const set = columns.filter((column) => !table.key.includes(column)).map((column) => `${column} = v.${column}`);
      await tx.query(
        `UPDATE ${table.name} t SET ${set.join(', ')} FROM ${unnest} WHERE ${keys.map((key) => `t.${key} = v.${key}`).join(' AND ')}`,
        arrays(changed),
      );
    }
  }

  /** The purchases and loss-realizing sales since `since` in every account of the household of the user's portfolio. */
  async washSaleActivity(userId: string, portfolioId: string, since: Date): Promise<WashSaleActivity[]> {
    const rows: Array<{ asset_id: string; kind: 'BUY' | 'LOSS_SALE'; at: Date }> = await this.dataSource.query(
      WASH_SALE_ACTIVITY_OF_HOUSEHOLD('$1', '(SELECT household_id FROM portfolios WHERE id = $2 AND user_id = $1)', '$3'),
      [userId, portfolioId, since],
    );
    return rows.map((row) => ({ assetId: row.asset_id, kind: row.kind, at: row.at }));
  }
}

type ColumnType = 'uuid' | 'numeric' | 'timestamptz' | 'varchar' | 'boolean';
/** A derived row as the SQL receives it: every value as text (decimals in plain notation, instants in ISO 8601). */
type Row = Record<string, string>;

interface DerivedTable {
  name: string;
  key: string[];
  columns: Array<[string, ColumnType]>;
}

const TAX_LOTS: DerivedTable = {
  name: 'tax_lots',
  key: ['id'],
  columns: [
    ['id', 'uuid'],
    ['portfolio_id', 'uuid'],
    ['asset_id', 'uuid'],
    ['quantity', 'numeric'],
    ['cost_basis', 'numeric'],
    ['acquired_at', 'timestamptz'],
    ['holding_period_start', 'timestamptz'],
    ['wash_sale_adjustment', 'numeric'],
  ],
};

const POSITIONS: DerivedTable = {
  name: 'positions',
  key: ['portfolio_id', 'asset_id'],
  columns: [
    ['portfolio_id', 'uuid'],
    ['asset_id', 'uuid'],
    ['quantity', 'numeric'],
    ['cost_basis', 'numeric'],
  ],
};

const REALIZED_GAINS: DerivedTable = {
  name: 'realized_gains',
  key: ['id'],
  columns: [
    ['id', 'uuid'],
    ['portfolio_id', 'uuid'],
    ['sell_transaction_id', 'uuid'],
    ['lot_id', 'uuid'],
    ['asset_id', 'uuid'],
    ['quantity', 'numeric'],
    ['proceeds', 'numeric'],
    ['cost_basis', 'numeric'],
    ['gain', 'numeric'],
    ['wash_sale_disallowed', 'numeric'],
    ['wash_sale_lost_for_good', 'numeric'],
    ['reportable_gain', 'numeric'],
    ['acquired_at', 'timestamptz'],
    ['disposed_at', 'timestamptz'],
    ['term', 'varchar'],
    ['taxable', 'boolean'],
  ],
};

function lotRow(lot: OpenLot): Row {
  return {
    id: lot.id,
    portfolio_id: lot.portfolioId,
    asset_id: lot.assetId,
    quantity: lot.quantity.toFixed(),
    cost_basis: lot.costBasis.toFixed(),
    acquired_at: lot.acquiredAt.toISOString(),
    holding_period_start: lot.holdingPeriodStart.toISOString(),
    wash_sale_adjustment: lot.washSaleAdjustment.toFixed(),
  };
}

/** A position is the exact sum of its portfolio's open lots in the asset. */
function positionRows(state: PortfolioState): Row[] {
  const sums = new Map<string, { quantity: Big; costBasis: Big }>();
  for (const lot of state.lots) {
    const sum = sums.get(lot.assetId);
    if (sum) {
      sum.quantity = sum.quantity.plus(lot.quantity);
      sum.costBasis = sum.costBasis.plus(lot.costBasis);
    } else {
      sums.set(lot.assetId, { quantity: lot.quantity, costBasis: lot.costBasis });
    }
  }
  return [...sums].map(([assetId, sum]) => ({
    portfolio_id: state.portfolioId,
    asset_id: assetId,
    quantity: sum.quantity.toFixed(),
    cost_basis: sum.costBasis.toFixed(),
  }));
}

function gainRow(gain: LedgerRealizedGain): Row {
  return {
    id: gain.id,
    portfolio_id: gain.portfolioId,
    sell_transaction_id: gain.sellTransactionId,
    lot_id: gain.lotId,
    asset_id: gain.assetId,
    quantity: gain.quantity.toFixed(),
    proceeds: gain.proceeds.toFixed(),
    cost_basis: gain.costBasis.toFixed(),
    gain: gain.gain.toFixed(),
    wash_sale_disallowed: gain.washSaleDisallowed.toFixed(),
    wash_sale_lost_for_good: gain.washSaleLostForGood.toFixed(),
    reportable_gain: gain.reportableGain.toFixed(),
    acquired_at: gain.acquiredAt.toISOString(),
    disposed_at: gain.disposedAt.toISOString(),
    term: gain.term,
    taxable: String(gain.taxable),
  };
}

/** A stored row as pg returns it (NUMERIC as text, timestamptz as Date), in the text the writer sends. */
function normalized(table: DerivedTable, raw: Record<string, unknown>): Row {
  return Object.fromEntries(
    table.columns.map(([column]) => {
      const value = raw[column];
      return [column, value instanceof Date ? value.toISOString() : String(value)];
    }),
  );
}

/** Equal values, whatever their text: a stored 10.50 is the replay's 10.5. */
function sameValue(type: ColumnType, stored: string, next: string): boolean {
  return type === 'numeric' ? new Big(stored).eq(next) : stored === next;
}
