import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PageQueryDto } from '../common/http/pagination';
import type { Keyset } from '../common/pagination/cursor';
import { type Page, paginate } from '../common/pagination/paginate';
import type { Tx } from '../database/unit-of-work';
import { Portfolio } from './entities/portfolio.entity';

/** Oldest first. */
const PORTFOLIO_PAGES: Keyset = {
  direction: 'ASC',
  keys: [
    { column: 'portfolio.created_at', type: 'timestamptz' },
    { column: 'portfolio.id', type: 'uuid' },
  ],
};

/** The portfolios table. Every read of one portfolio names its owner in the WHERE clause. */
@Injectable()
export class PortfolioRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The portfolio if `userId` owns it; someone else's and a missing one are both null. */
  findOwned(userId: string, id: string, tx: Tx = this.dataSource.manager): Promise<Portfolio | null> {
    return tx.findOneBy(Portfolio, { id, userId });
  }

  pageOwned(userId: string, query: PageQueryDto & { householdId?: string; externalId?: string }): Promise<Page<Portfolio>> {
    const builder = this.dataSource.getRepository(Portfolio).createQueryBuilder('portfolio').where('portfolio.user_id = :userId', { userId });
    if (query.householdId !== undefined) builder.andWhere('portfolio.household_id = :householdId', { householdId: query.householdId });
    if (query.externalId !== undefined) builder.andWhere('portfolio.external_id = :externalId', { externalId: query.externalId });
    return paginate(builder, PORTFOLIO_PAGES, query);
  }

  /** The household's accounts, oldest first; the caller has checked that the household is the user's. */
  ofHousehold(householdId: string, tx: Tx = this.dataSource.manager): Promise<Portfolio[]> {
    return tx.find(Portfolio, { where: { householdId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  insert(values: Omit<Portfolio, 'id' | 'createdAt' | 'updatedAt' | 'user' | 'household'>, tx: Tx = this.dataSource.manager): Promise<Portfolio> {
    return tx.save(tx.create(Portfolio, values));
  }

  /** Writes the changed fields of a loaded portfolio; returns it with its new updatedAt. */
  save(portfolio: Portfolio, tx: Tx): Promise<Portfolio> {
    return tx.save(portfolio);
  }

  /** Deletes the portfolio with everything of its own (the foreign keys cascade). */
  async delete(id: string, tx: Tx): Promise<void> {
    await tx.delete(Portfolio, { id });
  }
}
