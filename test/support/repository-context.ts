import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Big } from '../../src/common/decimal/decimal';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import type { Role } from '../../src/auth/auth.constants';
import { ApiKey } from '../../src/auth/entities/api-key.entity';
import { User } from '../../src/auth/entities/user.entity';
import { AssetPrice } from '../../src/portfolio/entities/asset-price.entity';
import { Asset } from '../../src/portfolio/entities/asset.entity';
import { Portfolio } from '../../src/portfolio/entities/portfolio.entity';
import { Position } from '../../src/portfolio/entities/position.entity';
import { RealizedGain } from '../../src/portfolio/entities/realized-gain.entity';
import { TaxLot } from '../../src/portfolio/entities/tax-lot.entity';
import { Transaction } from '../../src/portfolio/entities/transaction.entity';
import { givenDefaultHousehold } from './default-household';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * A fresh migrated database and a DataSource on it, for repository tests: no Nest application, no
 * mocks. The factories write rows directly, with defaults a test overrides only where it matters
 * (Immich's "medium" tests: `ctx.newUser()`).
 */
export interface RepositoryContext {
  dataSource: DataSource;
  newUser(values?: Partial<User>): Promise<User>;
  newPortfolio(userId: string, values?: Partial<Portfolio>): Promise<Portfolio>;
  newAsset(values?: Partial<Asset>): Promise<Asset>;
  newPrice(assetId: string, price: string, asOf: string): Promise<void>;
  newTransaction(portfolioId: string, values: Partial<Transaction>): Promise<Transaction>;
  newLot(portfolioId: string, assetId: string, values?: Partial<TaxLot>): Promise<TaxLot>;
  newPosition(portfolioId: string, assetId: string, quantity: string, costBasis: string): Promise<void>;
  newGain(portfolioId: string, assetId: string, sellTransactionId: string, values?: Partial<RealizedGain>): Promise<RealizedGain>;
  newApiKey(userId: string, values?: Partial<ApiKey>): Promise<ApiKey>;
  close(): Promise<void>;
}

const unique = () => randomBytes(4).toString('hex');

export async function createRepositoryContext(): Promise<RepositoryContext> {
  const database: TestDatabase = await createTestDatabase();
  const dataSource = new DataSource(buildDataSourceOptions({ url: database.url }));
  await dataSource.initialize();
  const manager = dataSource.manager;
  return {
    dataSource,
    newUser: (values = {}) =>
      manager.save(manager.create(User, { email: `user-${unique()}@example.com`, passwordHash: 'not a hash', role: 'user' as Role, ...values })),
    newPortfolio: async (userId, values = {}) =>
      manager.save(
        manager.create(Portfolio, {
          userId,
          householdId: values.householdId ?? (await givenDefaultHousehold(dataSource, userId)),
          accountType: 'TAXABLE',
          externalId: null,
          name: 'Test portfolio',
          baseCurrency: 'USD',
          lotMethod: 'FIFO',
          autoRebalance: 'OFF',
          rebalanceOptions: null,
          untargetedTolerancePercentage: new Big(2),
          cash: new Big(0),
          ...values,
        }),
      ),
    newAsset: (values = {}) =>
      manager.save(manager.create(Asset, { symbol: `T${unique().toUpperCase()}`, name: 'Test asset', assetType: 'stock', currency: 'USD', ...values })),
    newPrice: async (assetId, price, asOf) => {
      await manager.insert(AssetPrice, { assetId, price: new Big(price), asOf: new Date(asOf) });
    },
    newTransaction: async (portfolioId, values) => {
      const saved = await manager.save(
        manager.create(Transaction, {
          portfolioId,
          type: 'DEPOSIT',
          executedAt: new Date('2026-01-02T15:00:00Z'),
          amount: null,
          assetId: null,
          quantity: null,
          price: null,
          fee: null,
          costPerUnit: null,
          acquiredAt: null,
          lots: null,
          ...values,
        }),
      );
      return manager.findOneByOrFail(Transaction, { id: saved.id });
    },
    newLot: async (portfolioId, assetId, values = {}) => {
      const lot = manager.create(TaxLot, {
        id: randomUUID(),
        portfolioId,
        assetId,
        quantity: new Big(10),
        costBasis: new Big(1000),
        acquiredAt: new Date('2026-01-02T15:00:00Z'),
        holdingPeriodStart: new Date('2026-01-02T15:00:00Z'),
        washSaleAdjustment: new Big(0),
        ...values,
      });
      await manager.insert(TaxLot, lot);
      return lot;
    },
    newPosition: async (portfolioId, assetId, quantity, costBasis) => {
      await manager.insert(Position, { portfolioId, assetId, quantity: new Big(quantity), costBasis: new Big(costBasis) });
    },
    newGain: async (portfolioId, assetId, sellTransactionId, values = {}) => {
      const gain = manager.create(RealizedGain, {
        id: randomUUID(),
        portfolioId,
        assetId,
        sellTransactionId,
        lotId: randomUUID(),
        quantity: new Big(1),
        proceeds: new Big(120),
        costBasis: new Big(100),
        gain: new Big(20),
        washSaleDisallowed: new Big(0),
        reportableGain: new Big(20),
        acquiredAt: new Date('2025-01-02T15:00:00Z'),
        disposedAt: new Date('2026-03-02T15:00:00Z'),
        term: 'LONG',
        ...values,
      });
      await manager.insert(RealizedGain, gain);
      return gain;
    },
    newApiKey: (userId, values = {}) =>
      manager.save(
        manager.create(ApiKey, {
          userId,
          name: 'Test key',
          prefix: `rb_${unique()}`,
          secretHash: randomBytes(32).toString('hex'),
          scopes: ['portfolios:read'],
          expiresAt: null,
          lastUsedAt: null,
          revokedAt: null,
          ...values,
        }),
      ),
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
