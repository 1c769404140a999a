import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { Big, parseDecimal } from '../common/decimal/decimal';
import type { Keyset } from '../common/pagination/cursor';
import { type Page, paginate, type PageRequest } from '../common/pagination/paginate';
import type { Term } from './domain/ledger';
import { RealizedGain } from './entities/realized-gain.entity';
import { TaxLot } from './entities/tax-lot.entity';

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

/** Disposals between `from` and `to`, both inclusive and both optional. */
export interface DisposalRange {
  from?: Date;
  to?: Date;
}

/** The sums of a set of realized gains, exact. */
export interface GainSums {
  proceeds: Big;
  costBasis: Big;
  gain: Big;
  washSaleDisallowed: Big;
  reportableGain: Big;
}

/** Reads of the derived open lots and realized gains (the ledger rewrites them: LedgerRepository). */
@Injectable()
export class HoldingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The portfolio's open lots, oldest first; the caller has checked that the portfolio is the user's. */
  openLots(portfolioId: string): Promise<TaxLot[]> {
    return this.dataSource.getRepository(TaxLot).find({ where: { portfolioId }, order: { acquiredAt: 'ASC', id: 'ASC' } });
  }

  /** A page of the open lots, each with its asset, of a portfolio the user owns. */
  lotPage(userId: string, portfolioId: string, query: PageRequest): Promise<Page<TaxLot>> {
    const builder = this.dataSource
      .getRepository(TaxLot)
      .createQueryBuilder('lot')
      .innerJoinAndSelect('lot.asset', 'asset')
      .innerJoin('lot.portfolio', 'owner', 'owner.user_id = :userId', { userId })
      .where('lot.portfolio_id = :portfolioId', { portfolioId });
    return paginate(builder, LOT_PAGES, query);
  }

  /** A page of the realized gains in the range, each with its asset, of a portfolio the user owns. */
  gainPage(userId: string, portfolioId: string, range: DisposalRange, query: PageRequest): Promise<Page<RealizedGain>> {
    return paginate(this.gainsInRange(userId, portfolioId, range).innerJoinAndSelect('gain.asset', 'asset'), GAIN_PAGES, query);
  }

  /** Sums over the whole range, not a page, by term: summed by PostgreSQL, exactly. A term without gains is absent. */
  async gainSumsByTerm(userId: string, portfolioId: string, range: DisposalRange): Promise<Map<Term, GainSums>> {
    const rows: Array<{ term: Term; proceeds: string; cost_basis: string; gain: string; wash_sale_disallowed: string; reportable_gain: string }> =
      await this.gainsInRange(userId, portfolioId, range)
        .select('gain.term', 'term')
        .addSelect('coalesce(sum(gain.proceeds), 0)', 'proceeds')
        .addSelect('coalesce(sum(gain.cost_basis), 0)', 'cost_basis')
        .addSelect('coalesce(sum(gain.gain), 0)', 'gain')
        .addSelect('coalesce(sum(gain.wash_sale_disallowed), 0)', 'wash_sale_disallowed')
        .addSelect('coalesce(sum(gain.reportable_gain), 0)', 'reportable_gain')
        // A sale inside a tax-deferred or tax-exempt account realizes nothing reportable.
        .andWhere('gain.taxable')
        .groupBy('gain.term')
        .getRawMany();
    return new Map(
      rows.map((row) => [
        row.term,
        {
          proceeds: parseDecimal(row.proceeds),
          costBasis: parseDecimal(row.cost_basis),
          gain: parseDecimal(row.gain),
          washSaleDisallowed: parseDecimal(row.wash_sale_disallowed),
          reportableGain: parseDecimal(row.reportable_gain),
        },
      ]),
    );
  }

  private gainsInRange(userId: string, portfolioId: string, range: DisposalRange): SelectQueryBuilder<RealizedGain> {
    const builder = this.dataSource
      .getRepository(RealizedGain)
      .createQueryBuilder('gain')
      .innerJoin('gain.portfolio', 'owner', 'owner.user_id = :userId', { userId })
      .where('gain.portfolio_id = :portfolioId', { portfolioId });
    if (range.from) builder.andWhere('gain.disposed_at >= :from', { from: range.from });
    if (range.to) builder.andWhere('gain.disposed_at <= :to', { to: range.to });
    return builder;
  }
}
