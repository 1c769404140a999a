import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { SCOPES_BY_ROLE } from '../auth/auth.constants';
import { User } from '../auth/entities/user.entity';
import type { Principal } from '../auth/principal';
import { UsersService } from '../auth/users.service';
import { ConfigError, loadConfig } from '../config/app-config';
import { resolveDatabaseServer } from '../database/database-server';
import { AssetsService } from '../portfolio/assets.service';
import { Asset } from '../portfolio/entities/asset.entity';
import { Portfolio } from '../portfolio/entities/portfolio.entity';
import { PortfoliosService } from '../portfolio/portfolios.service';
import { TransactionsService } from '../portfolio/transactions.service';
import { TargetsService } from '../rebalancing/targets.service';

export const DEMO_EMAIL = 'demo@rebalance.local';
export const DEMO_PASSWORD = 'demo password 2026';
const DEMO_PORTFOLIO = 'Demo: drifted 60/40';

const CATALOGUE = [
  { symbol: 'VTI', name: 'Vanguard Total Stock Market ETF', assetType: 'stock', price: '245.17' },
  { symbol: 'VXUS', name: 'Vanguard Total International Stock ETF', assetType: 'stock', price: '64.12' },
  { symbol: 'BND', name: 'Vanguard Total Bond Market ETF', assetType: 'bond', price: '72.40' },
  { symbol: 'VNQ', name: 'Vanguard Real Estate ETF', assetType: 'real_estate', price: '88.93' },
  { symbol: 'GLD', name: 'SPDR Gold Shares', assetType: 'commodity', price: '241.50' },
];

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/**
 * Idempotent: the demo user, a small catalogue with prices, and one portfolio
 * with lots (one long-term, one at a loss), cash and 60/30/10 targets that the
 * holdings have drifted from. Running it again changes nothing.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
  const server = await resolveDatabaseServer(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, server.url), { logger: ['error', 'warn'] });
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const assets = app.get(AssetsService);
    const bySymbol = new Map<string, Asset>();
    for (const entry of CATALOGUE) {
      let asset = await dataSource.getRepository(Asset).findOneBy({ symbol: entry.symbol });
      if (!asset) {
        await assets.create({ ...entry, currency: 'USD', priceAsOf: new Date() });
        asset = await dataSource.getRepository(Asset).findOneByOrFail({ symbol: entry.symbol });
      }
      bySymbol.set(entry.symbol, asset);
    }

    let user = await dataSource.getRepository(User).findOneBy({ email: DEMO_EMAIL });
    if (!user) {
      await app.get(UsersService).register({ email: DEMO_EMAIL, password: DEMO_PASSWORD });
      user = await dataSource.getRepository(User).findOneByOrFail({ email: DEMO_EMAIL });
    }
    const principal: Principal = { userId: user.id, email: user.email, role: user.role, scopes: SCOPES_BY_ROLE[user.role], authMethod: 'jwt', apiKeyId: null };

    let portfolio = await dataSource.getRepository(Portfolio).findOneBy({ userId: user.id, name: DEMO_PORTFOLIO });
    if (!portfolio) {
      const portfolios = app.get(PortfoliosService);
      const created = await portfolios.create(principal, { name: DEMO_PORTFOLIO, lotMethod: 'HIFO' });
      const transactions = app.get(TransactionsService);
      const id = (symbol: string) => bySymbol.get(symbol)!.id;
      const history = [
        { type: 'DEPOSIT' as const, amount: '100000', executedAt: daysAgo(500) },
        { type: 'BUY' as const, assetId: id('VTI'), quantity: '200', price: '180.00', fee: '1', executedAt: daysAgo(480) },
        { type: 'BUY' as const, assetId: id('VXUS'), quantity: '300', price: '70.50', fee: '1', executedAt: daysAgo(120) },
        { type: 'BUY' as const, assetId: id('BND'), quantity: '250', price: '74.10', fee: '1', executedAt: daysAgo(300) },
        { type: 'BUY' as const, assetId: id('VNQ'), quantity: '20', price: '85.00', executedAt: daysAgo(60) },
        { type: 'DIVIDEND' as const, assetId: id('BND'), amount: '412.50', executedAt: daysAgo(30) },
      ];
      try {
        for (const transaction of history) await transactions.create(principal, created.id, transaction);
        await app.get(TargetsService).put(principal, created.id, {
          targets: [
            { assetType: 'stock', targetPercentage: '60', tolerancePercentage: '5', preferredAssetId: id('VTI') },
            { assetType: 'bond', targetPercentage: '30', tolerancePercentage: '5', relativeTolerancePercentage: '25', preferredAssetId: id('BND') },
            { assetType: 'cash', targetPercentage: '10', tolerancePercentage: '5' },
          ],
        });
      } catch (error) {
        // A half-built demo portfolio would make the next run skip it; start over next time instead.
        await portfolios.remove(principal, created.id);
        throw error;
      }
      portfolio = await dataSource.getRepository(Portfolio).findOneByOrFail({ id: created.id });
    }
    console.log(`Demo ready. Log in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
    console.log(`Portfolio "${portfolio.name}": GET /api/v1/portfolios/${portfolio.id}/drift`);
  } finally {
    await app.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
