import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Tx } from '../database/unit-of-work';
import { Household } from './entities/household.entity';

/** What the default household is called when POST /portfolios creates it (the migration names the backfilled ones alike). */
export const DEFAULT_HOUSEHOLD_NAME = 'Default household';

/** The households table. Every read names the owner in its WHERE clause. */
@Injectable()
export class HouseholdRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
