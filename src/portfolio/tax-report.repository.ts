import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Household } from './entities/household.entity';
import { RealizedGain } from './entities/realized-gain.entity';

/** A realized gain with the symbol its Form 8949 description names. */
export interface GainWithSymbol {
  gain: RealizedGain;
  symbol: string;
}

/** What the tax-year report reads: a household's realized gains in taxable accounts. */
@Injectable()
export class TaxReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The realized gains in the taxable accounts of the user's household with a disposal in
   * [from, to), in sale order (disposal time, then the sale's sequence, then the lot's acquisition);
   * null when the household is not the user's.
   */
  async taxableGains(userId: string, householdId: string, from: Date, to: Date): Promise<GainWithSymbol[] | null> {
    if (!(await this.dataSource.manager.existsBy(Household, { id: householdId, userId }))) return null;
    const gains = await this.dataSource
      .getRepository(RealizedGain)
      .createQueryBuilder('gain')
      .innerJoinAndSelect('gain.asset', 'asset')
      .innerJoin('gain.portfolio', 'account')
      .innerJoin(Household, 'household', 'household.id = account.household_id AND household.user_id = :userId', { userId })
      .innerJoin('gain.sellTransaction', 'sale')
      .where('account.household_id = :householdId', { householdId })
      .andWhere('gain.taxable')
      .andWhere('gain.disposed_at >= :from AND gain.disposed_at < :to', { from, to })
      .orderBy('gain.disposed_at', 'ASC')
      .addOrderBy('sale.sequence', 'ASC')
      .addOrderBy('gain.acquired_at', 'ASC')
      .addOrderBy('gain.id', 'ASC')
      .getMany();
    return gains.map((gain) => ({ gain, symbol: gain.asset?.symbol ?? gain.assetId }));
  }
}
