import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import { findOwnedOrFail } from '../auth/ownership';
import type { Principal } from '../auth/principal';
import { Big, parseDecimal, toDecimalString, toMoneyEstimate, toNullableMoneyEstimate } from '../common/decimal/decimal';
import type { PageQueryDto } from '../common/http/pagination';
import type { Keyset } from '../common/pagination/cursor';
import { paginate, paginateInMemory } from '../common/pagination/paginate';
import { AppProblem } from '../common/problem/problem';
import { enqueueDriftRecheck } from '../jobs/drift-recheck';
import { JobQueue } from '../jobs/job-queue';
import { AssetsService, type CurrentPrice, NEWEST_PRICE_OF_POSITION } from './assets.service';
import { longTermAt, termOf } from './domain/ledger';
import type { LotListDto, PositionDto, PositionListDto, RealizedGainListDto, RealizedGainQueryDto, GainTotalsDto } from './dto/holdings.dto';
import {
  DEFAULT_UNTARGETED_TOLERANCE_PERCENTAGE,
  type RebalanceOptionsInputDto,
  type CreatePortfolioDto,
  type PortfolioDetailDto,
  type PortfolioListDto,
  type PortfolioQueryDto,
  type PortfolioSummaryDto,
  type UpdatePortfolioDto,
} from './dto/portfolio.dto';
import { Asset } from './entities/asset.entity';
import { Portfolio, type RebalanceOptions } from './entities/portfolio.entity';
import { Position } from './entities/position.entity';
import { RealizedGain } from './entities/realized-gain.entity';
import { TaxLot } from './entities/tax-lot.entity';
import { Transaction } from './entities/transaction.entity';
import { LedgerService } from './ledger.service';
import { PortfolioErrorCode } from './portfolio-errors';

const PERCENT_SCALE = 4;
const PER_UNIT_SCALE = 8;

function percentOf(part: Big, whole: Big): string | null {
  return whole.eq(0) ? null : toDecimalString(part.times(100).div(whole), PERCENT_SCALE);
}

/** Saved options with the defaults of a plan request filled in. */
export function rebalanceOptionsOf(input: RebalanceOptionsInputDto | undefined): RebalanceOptions {
  return {
    strategy: input?.strategy ?? 'TO_TARGET',
    allowSells: input?.allowSells ?? true,
    minTradeValue: parseDecimal(input?.minTradeValue ?? '0').toFixed(),
    fractional: input?.fractional ?? true,
    taxAware: input?.taxAware ?? true,
  };
}

export function toPortfolioSummary(portfolio: Portfolio): PortfolioSummaryDto {
  return {
    id: portfolio.id,
    name: portfolio.name,
    baseCurrency: portfolio.baseCurrency,
    lotMethod: portfolio.lotMethod,
    autoRebalance: portfolio.autoRebalance,
    rebalanceOptions: portfolio.rebalanceOptions ?? rebalanceOptionsOf(undefined),
    untargetedTolerancePercentage: toDecimalString(portfolio.untargetedTolerancePercentage, 2),
    createdAt: portfolio.createdAt.toISOString(),
    updatedAt: portfolio.updatedAt.toISOString(),
  };
}

export interface ValuedPosition {
  position: Position;
  asset: Asset;
  current: CurrentPrice | undefined;
  marketValue: Big;
}

/** Oldest first. */
const PORTFOLIO_PAGES: Keyset = {
  direction: 'ASC',
  keys: [
    { column: 'portfolio.created_at', type: 'timestamptz' },
    { column: 'portfolio.id', type: 'uuid' },
  ],
};

/** By symbol, which is unique, so a position added between pages cannot shift the cursor. */
const POSITION_PAGES: Keyset = { direction: 'ASC', keys: [{ column: 'symbol', type: 'text' }] };

/** By acquisition; lots are re-derived on every change, and the cursor carries the key itself, so a lot that is gone shifts nothing. */
const LOT_PAGES: Keyset = {
  direction: 'ASC',
  keys: [
    { column: 'lot.acquired_at', type: 'timestamptz' },
    { column: 'lot.id', type: 'uuid' },
  ],
};

/** Disposal order, then the lots of one sale by acquisition; the id makes the order a unique keyset. */
const GAIN_PAGES: Keyset = {
  direction: 'ASC',
  keys: [
    { column: 'gain.disposed_at', type: 'timestamptz' },
    { column: 'gain.sell_transaction_id', type: 'uuid' },
    { column: 'gain.acquired_at', type: 'timestamptz' },
    { column: 'gain.id', type: 'uuid' },
  ],
};

@Injectable()
export class PortfoliosService {
  constructor(
    @InjectRepository(Portfolio) private readonly portfolios: Repository<Portfolio>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assets: AssetsService,
    private readonly ledger: LedgerService,
    private readonly jobs: JobQueue,
  ) {}

  /** The ownership rule for everything under /portfolios/{id}: someone else's is a 404. */
  findOwned(principal: Principal, id: string, repository: Repository<Portfolio> = this.portfolios): Promise<Portfolio> {
    return findOwnedOrFail(repository, id, { column: 'userId', userId: principal.userId }, 'Portfolio');
  }

  async create(principal: Principal, dto: CreatePortfolioDto): Promise<PortfolioSummaryDto> {
    const portfolio = await this.portfolios.save(
      this.portfolios.create({
        userId: principal.userId,
        name: dto.name,
        baseCurrency: dto.baseCurrency ?? 'USD',
        lotMethod: dto.lotMethod ?? 'FIFO',
        autoRebalance: dto.autoRebalance ?? 'OFF',
        rebalanceOptions: dto.rebalanceOptions ? rebalanceOptionsOf(dto.rebalanceOptions) : null,
        untargetedTolerancePercentage: parseDecimal(dto.untargetedTolerancePercentage ?? DEFAULT_UNTARGETED_TOLERANCE_PERCENTAGE),
        cash: new Big(0),
      }),
    );
    return toPortfolioSummary(portfolio);
  }

  async list(principal: Principal, query: PortfolioQueryDto): Promise<PortfolioListDto> {
    const builder = this.portfolios.createQueryBuilder('portfolio').where('portfolio.user_id = :userId', { userId: principal.userId });
    const page = await paginate(builder, PORTFOLIO_PAGES, query);
    return { items: page.rows.map(toPortfolioSummary), nextCursor: page.nextCursor };
  }

  async update(principal: Principal, id: string, dto: UpdatePortfolioDto): Promise<PortfolioSummaryDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.ledger.lockUser(manager, principal.userId);
      const portfolio = await this.findOwned(principal, id, manager.getRepository(Portfolio));
      if (dto.lotMethod !== undefined && dto.lotMethod !== portfolio.lotMethod) {
        if (await manager.exists(Transaction, { where: { portfolioId: id, type: 'SELL' } })) {
          throw new AppProblem(
            PortfolioErrorCode.LOT_METHOD_LOCKED,
            'The lot method cannot change once the portfolio has a SELL: past sales keep the lots they relieved',
          );
        }
        portfolio.lotMethod = dto.lotMethod;
      }
      if (dto.name !== undefined) portfolio.name = dto.name;
      if (dto.autoRebalance !== undefined) portfolio.autoRebalance = dto.autoRebalance;
      if (dto.rebalanceOptions !== undefined) portfolio.rebalanceOptions = rebalanceOptionsOf(dto.rebalanceOptions);
      if (dto.untargetedTolerancePercentage !== undefined) {
        const band = parseDecimal(dto.untargetedTolerancePercentage);
        // A new band can move the drift status, so the alert is re-evaluated once this commits.
        if (!band.eq(portfolio.untargetedTolerancePercentage)) await enqueueDriftRecheck(this.jobs, manager, [portfolio.id]);
        portfolio.untargetedTolerancePercentage = band;
      }
      return toPortfolioSummary(await manager.save(portfolio));
    });
  }

  /** Deletes the portfolio and all its data; the user's other portfolios are re-derived (wash sales may have linked them). */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.ledger.lockUser(manager, principal.userId);
      const portfolio = await this.findOwned(principal, id, manager.getRepository(Portfolio));
      await manager.delete(Portfolio, { id: portfolio.id });
      await this.ledger.rederive(manager, principal.userId);
    });
  }

  async detail(principal: Principal, id: string): Promise<PortfolioDetailDto> {
    const portfolio = await this.findOwned(principal, id);
    const { valued, warnings } = await this.valuePositions(portfolio.id);
    const priced = valued.filter((entry) => entry.current);
    const marketValue = valued.reduce((sum, entry) => sum.plus(entry.marketValue), new Big(0));
    const costBasis = valued.reduce((sum, entry) => sum.plus(entry.position.costBasis), new Big(0));
    const pricedBasis = priced.reduce((sum, entry) => sum.plus(entry.position.costBasis), new Big(0));
    return {
      ...toPortfolioSummary(portfolio),
      cash: toDecimalString(portfolio.cash),
      marketValue: toMoneyEstimate(marketValue),
      totalValue: toMoneyEstimate(marketValue.plus(portfolio.cash)),
      costBasis: toDecimalString(costBasis),
      unrealizedGain: toMoneyEstimate(priced.reduce((sum, entry) => sum.plus(entry.marketValue), new Big(0)).minus(pricedBasis)),
      warnings,
    };
  }

  async positions(principal: Principal, id: string, query: PageQueryDto): Promise<PositionListDto> {
    const portfolio = await this.findOwned(principal, id);
    const { valued, warnings } = await this.valuePositions(portfolio.id);
    const total = valued.reduce((sum, entry) => sum.plus(entry.marketValue), new Big(0)).plus(portfolio.cash);
    // Weights need every position valued, so the page is cut from the whole list.
    const positionLines: PositionDto[] = valued.map(({ position, asset, current, marketValue }) => {
      const unrealized = current ? marketValue.minus(position.costBasis) : null;
      return {
        assetId: asset.id,
        symbol: asset.symbol,
        assetType: asset.assetType,
        quantity: toDecimalString(position.quantity),
        averageCost: toDecimalString(position.costBasis.div(position.quantity), PER_UNIT_SCALE),
        costBasis: toDecimalString(position.costBasis),
        price: current ? toDecimalString(current.price) : null,
        priceAsOf: current ? current.asOf.toISOString() : null,
        priceStale: current ? this.assets.isStale(current.asOf) : false,
        marketValue: toMoneyEstimate(marketValue),
        unrealizedGain: toNullableMoneyEstimate(unrealized),
        unrealizedGainPercent: unrealized ? percentOf(unrealized, position.costBasis) : null,
        weightPercentage: percentOf(marketValue, total),
      };
    });
    const cashLine: PositionDto = {
      assetId: null,
      symbol: null,
      assetType: 'cash',
      quantity: toDecimalString(portfolio.cash),
      averageCost: '1',
      costBasis: toDecimalString(portfolio.cash),
      price: '1',
      priceAsOf: null,
      priceStale: false,
      marketValue: toMoneyEstimate(portfolio.cash),
      unrealizedGain: toMoneyEstimate(new Big(0)),
      unrealizedGainPercent: null,
      weightPercentage: percentOf(portfolio.cash, total),
    };
    // The cash line has no symbol: it closes the last page.
    const page = paginateInMemory([...positionLines, cashLine], POSITION_PAGES, query, (line) => (line.symbol === null ? null : [line.symbol]));
    return { items: page.rows, warnings, nextCursor: page.nextCursor };
  }

  async lots(principal: Principal, id: string, query: PageQueryDto): Promise<LotListDto> {
    const portfolio = await this.findOwned(principal, id);
    const builder = this.dataSource
      .getRepository(TaxLot)
      .createQueryBuilder('lot')
      .innerJoinAndSelect('lot.asset', 'asset')
      .where('lot.portfolio_id = :portfolioId', { portfolioId: portfolio.id });
    const { rows: lots, nextCursor } = await paginate(builder, LOT_PAGES, query);
    const prices = await this.assets.currentPrices([...new Set(lots.map((lot) => lot.assetId))]);
    const now = new Date();
    return {
      items: lots.map((lot) => {
        const current = prices.get(lot.assetId);
        return {
          id: lot.id,
          assetId: lot.assetId,
          symbol: lot.asset!.symbol,
          quantity: toDecimalString(lot.quantity),
          costPerUnit: toDecimalString(lot.costBasis.div(lot.quantity), PER_UNIT_SCALE),
          costBasis: toDecimalString(lot.costBasis),
          washSaleAdjustment: toDecimalString(lot.washSaleAdjustment),
          acquiredAt: lot.acquiredAt.toISOString(),
          holdingPeriodStart: lot.holdingPeriodStart.toISOString(),
          unrealizedGain: current ? toMoneyEstimate(lot.quantity.times(current.price).minus(lot.costBasis)) : null,
          term: termOf(lot.holdingPeriodStart, now),
          longTermAt: longTermAt(lot.holdingPeriodStart).toISOString().slice(0, 10),
        };
      }),
      nextCursor,
    };
  }

  async realizedGains(principal: Principal, id: string, query: RealizedGainQueryDto): Promise<RealizedGainListDto> {
    const portfolio = await this.findOwned(principal, id);
    const inRange = (builder: SelectQueryBuilder<RealizedGain>) => {
      builder.where('gain.portfolio_id = :portfolioId', { portfolioId: portfolio.id });
      if (query.from) builder.andWhere('gain.disposed_at >= :from', { from: query.from });
      if (query.to) builder.andWhere('gain.disposed_at <= :to', { to: query.to });
      return builder;
    };
    const builder = inRange(this.dataSource.getRepository(RealizedGain).createQueryBuilder('gain')).innerJoinAndSelect('gain.asset', 'asset');
    const { rows, nextCursor } = await paginate(builder, GAIN_PAGES, query);
    // Totals cover the whole range, not the page: summed by PostgreSQL, exactly.
    const sums: Array<{ term: string; proceeds: string; cost_basis: string; gain: string; wash_sale_disallowed: string; reportable_gain: string }> =
      await inRange(this.dataSource.getRepository(RealizedGain).createQueryBuilder('gain'))
        .select('gain.term', 'term')
        .addSelect('coalesce(sum(gain.proceeds), 0)', 'proceeds')
        .addSelect('coalesce(sum(gain.cost_basis), 0)', 'cost_basis')
        .addSelect('coalesce(sum(gain.gain), 0)', 'gain')
        .addSelect('coalesce(sum(gain.wash_sale_disallowed), 0)', 'wash_sale_disallowed')
        .addSelect('coalesce(sum(gain.reportable_gain), 0)', 'reportable_gain')
        .groupBy('gain.term')
        .getRawMany();
    const totals = (terms: string[]): GainTotalsDto => {
      const sum = (pick: (row: (typeof sums)[number]) => string) =>
        toDecimalString(sums.filter((row) => terms.includes(row.term)).reduce((total, row) => total.plus(parseDecimal(pick(row))), new Big(0)));
      return {
        proceeds: sum((row) => row.proceeds),
        costBasis: sum((row) => row.cost_basis),
        gain: sum((row) => row.gain),
        washSaleDisallowed: sum((row) => row.wash_sale_disallowed),
        reportableGain: sum((row) => row.reportable_gain),
      };
    };
    return {
      items: rows.map((row) => ({
        id: row.id,
        lotId: row.lotId,
        assetId: row.assetId,
        symbol: row.asset!.symbol,
        sellTransactionId: row.sellTransactionId,
        quantity: toDecimalString(row.quantity),
        proceeds: toDecimalString(row.proceeds),
        costBasis: toDecimalString(row.costBasis),
        gain: toDecimalString(row.gain),
        washSaleDisallowed: toDecimalString(row.washSaleDisallowed),
        reportableGain: toDecimalString(row.reportableGain),
        acquiredAt: row.acquiredAt.toISOString(),
        disposedAt: row.disposedAt.toISOString(),
        term: row.term,
      })),
      totals: { shortTerm: totals(['SHORT']), longTerm: totals(['LONG']), total: totals(['SHORT', 'LONG']) },
      nextCursor,
    };
  }

  /** The portfolio's open lots, oldest first. */
  openLots(portfolioId: string): Promise<TaxLot[]> {
    return this.dataSource.getRepository(TaxLot).find({ where: { portfolioId }, order: { acquiredAt: 'ASC', id: 'ASC' } });
  }

  /**
   * The user's purchases and loss-realizing sales since `since`, across all
   * their portfolios: what the wash-sale rule looks back on.
   */
  async recentActivity(userId: string, since: Date): Promise<Array<{ assetId: string; kind: 'BUY' | 'LOSS_SALE'; at: Date }>> {
    const buys: Array<{ asset_id: string; at: Date }> = await this.dataSource.query(
      `SELECT t.asset_id, t.executed_at AS at FROM transactions t JOIN portfolios p ON p.id = t.portfolio_id
        WHERE p.user_id = $1 AND t.type = 'BUY' AND t.executed_at >= $2`,
      [userId, since],
    );
    const lossSales: Array<{ asset_id: string; at: Date }> = await this.dataSource.query(
      `SELECT g.asset_id, g.disposed_at AS at FROM realized_gains g JOIN portfolios p ON p.id = g.portfolio_id
        WHERE p.user_id = $1 AND g.gain < 0 AND g.disposed_at >= $2`,
      [userId, since],
    );
    return [
      ...buys.map((row) => ({ assetId: row.asset_id, kind: 'BUY' as const, at: row.at })),
      ...lossSales.map((row) => ({ assetId: row.asset_id, kind: 'LOSS_SALE' as const, at: row.at })),
    ];
  }

  /** Each position with its asset and current price; warnings name missing and stale prices. */
  /**
   * Every position with its asset and newest price, by symbol, in one statement: the drift,
   * positions, suggestions and what-if routes all start here, and a query per part (positions
   * with assets, then prices) was a large share of their time under load.
   */
  async valuePositions(portfolioId: string, manager: EntityManager = this.dataSource.manager): Promise<{ valued: ValuedPosition[]; warnings: string[] }> {
    const rows = await manager.query<
      Array<{
        quantity: string;
        cost_basis: string;
        id: string;
        symbol: string;
        name: string;
        asset_type: string;
        currency: string;
        created_at: Date;
        updated_at: Date;
        price: string | null;
        as_of: Date | null;
      }>
    >(
      `SELECT pos.quantity::text, pos.cost_basis::text, a.id, a.symbol, a.name, a.asset_type, a.currency, a.created_at, a.updated_at, pr.price::text, pr.as_of
       FROM positions pos
       JOIN assets a ON a.id = pos.asset_id
       ${NEWEST_PRICE_OF_POSITION}
       WHERE pos.portfolio_id = $1`,
      [portfolioId],
    );
    rows.sort((a, b) => a.symbol.localeCompare(b.symbol));
    const warnings: string[] = [];
    const valued = rows.map((row) => {
      const asset = Object.assign(new Asset(), {
        id: row.id,
        symbol: row.symbol,
        name: row.name,
        assetType: row.asset_type,
        currency: row.currency,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      });
      const position = Object.assign(new Position(), {
        portfolioId,
        assetId: row.id,
        asset,
        quantity: new Big(row.quantity),
        costBasis: new Big(row.cost_basis),
      });
      const current = row.price === null || row.as_of === null ? undefined : { price: new Big(row.price), asOf: row.as_of };
      if (!current) warnings.push(`No price for ${asset.symbol}: valued at 0`);
      else if (this.assets.isStale(current.asOf)) warnings.push(`The price of ${asset.symbol} is stale (as of ${current.asOf.toISOString()})`);
      return { position, asset, current, marketValue: current ? position.quantity.times(current.price) : new Big(0) };
    });
    return { valued, warnings };
  }
}
