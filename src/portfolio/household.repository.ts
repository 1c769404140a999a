import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Keyset } from '../common/pagination/cursor';
import { type Page, paginate, type PageRequest } from '../common/pagination/paginate';
import type { Tx } from '../database/unit-of-work';
import { Household } from './entities/household.entity';
import { Portfolio } from './entities/portfolio.entity';

/** What the default household is called when POST /portfolios creates it (the migration names the backfilled ones alike). */
export const DEFAULT_HOUSEHOLD_NAME = 'Default household';

/** Oldest first. */
const HOUSEHOLD_PAGES: Keyset = {
  direction: 'ASC',
  keys: [
    { column: 'household.created_at', type: 'timestamptz' },
    { column: 'household.id', type: 'uuid' },
  ],
};

export type NewHousehold = Pick<Household, 'userId' | 'name' | 'externalId' | 'shortTermRate' | 'longTermRate' | 'autoRebalance'>;

/** The households table. Every read for a request names the owner in its WHERE clause. */
@Injectable()
export class HouseholdRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The household if `userId` owns it; someone else's and a missing one are both null. */
  findOwned(userId: string, id: string, tx: Tx = this.dataSource.manager): Promise<Household | null> {
    return tx.findOneBy(Household, { id, userId });
  }

  /** The household by id alone, for the system's work for its owner (HouseholdsService.findForSystem), never for a request. */
  findById(id: string, tx: Tx = this.dataSource.manager): Promise<Household | null> {
    return tx.findOneBy(Household, { id });
  }

  /**
   * The user's household, its row locked FOR UPDATE until the caller's transaction ends: the lock
   * every ledger write of the household takes (LedgerRepository.lockHouseholds), so a household-wide
   * write serializes with them.
   */
  lockOwned(userId: string, id: string, tx: Tx): Promise<Household | null> {
    return tx.findOne(Household, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
  }

  pageOwned(userId: string, query: PageRequest & { externalId?: string }): Promise<Page<Household>> {
    const builder = this.dataSource.getRepository(Household).createQueryBuilder('household').where('household.user_id = :userId', { userId });
    if (query.externalId !== undefined) builder.andWhere('household.external_id = :externalId', { externalId: query.externalId });
    return paginate(builder, HOUSEHOLD_PAGES, query);
  }

  /** Throws the database's unique violation when the owner already has the externalId. */
  insert(values: NewHousehold, tx: Tx = this.dataSource.manager): Promise<Household> {
    return tx.save(tx.create(Household, { ...values, isDefault: false }));
  }

  /** Writes the changed fields of a loaded household; returns it with its new updatedAt. */
  save(household: Household, tx: Tx): Promise<Household> {
    return tx.save(household);
  }

  /** Throws the database's foreign-key violation while a portfolio still points at it. */
  async delete(id: string, tx: Tx): Promise<void> {
    await tx.delete(Household, { id });
  }

  /** How many accounts (portfolios) the household holds; the caller has checked it is the user's. */
  countAccounts(householdId: string, tx: Tx = this.dataSource.manager): Promise<number> {
    return tx.countBy(Portfolio, { householdId });
  }

  /**
   * The user's default household, created if they have none. Race-safe: two first POSTs at once
   * meet on the partial unique index (one default per user); the loser's insert does nothing and it
   * reads the winner's row once that commits.
   */
  async defaultOf(userId: string, tx: Tx = this.dataSource.manager): Promise<Household> {
    const found = await tx.findOneBy(Household, { userId, isDefault: true });
    if (found) return found;
    await tx.createQueryBuilder().insert().into(Household).values({ userId, name: DEFAULT_HOUSEHOLD_NAME, isDefault: true }).orIgnore().execute();
    return tx.findOneByOrFail(Household, { userId, isDefault: true });
  }
}
