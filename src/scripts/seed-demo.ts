import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { SCOPES_BY_ROLE } from '../auth/auth.constants';
import { User } from '../auth/entities/user.entity';
import type { Principal } from '../auth/principal';
import { UsersService } from '../auth/users.service';
import { Big } from '../common/decimal/decimal';
import { ConfigError, loadConfig } from '../config/app-config';
import { DEMO_EMAIL, DEMO_PASSWORD } from './demo-credentials';
import { resolveDatabaseServer } from '../database/database-server';
import { AssetsService } from '../portfolio/assets.service';
import { Asset } from '../portfolio/entities/asset.entity';
import { Portfolio } from '../portfolio/entities/portfolio.entity';
import { toNewPortfolio } from '../portfolio/portfolio.mapper';
import { PortfoliosService } from '../portfolio/portfolios.service';
import { toTransactionEntry } from '../portfolio/transaction.mapper';
import { TransactionsService } from '../portfolio/transactions.service';
import { computeDrift } from '../rebalancing/domain/drift';
import { classValues } from '../rebalancing/domain/what-if';
import { DriftHistoryRepository } from '../rebalancing/drift-history.repository';
import { DriftMonitorService } from '../rebalancing/drift-monitor.service';
import { DriftService } from '../rebalancing/drift.service';
import { PlansService } from '../rebalancing/plans.service';
import { toSuggestionOptions } from '../rebalancing/suggestions.mapper';
import { toNewTargets } from '../rebalancing/targets.mapper';
import { TargetsService } from '../rebalancing/targets.service';

/** Each asset's price today, and its weekly moves in basis points: a trend plus a repeating wiggle. */
const CATALOGUE = [
  {
    symbol: 'VTI',
    name: 'Vanguard Total Stock Market ETF',
    assetType: 'stock',
    price: '245.17',
    trendBp: 60,
    wiggleBp: [120, -80, 45, -150, 90, 30, -60, 110, -40, 70, -95, 20, -35],
  },
  {
    symbol: 'VXUS',
    name: 'Vanguard Total International Stock ETF',
    assetType: 'stock',
    price: '64.12',
    trendBp: -20,
    wiggleBp: [80, -60, 30, -90, 50, -20, 40, -70, 60, -30],
  },
  { symbol: 'BND', name: 'Vanguard Total Bond Market ETF', assetType: 'bond', price: '72.40', trendBp: -5, wiggleBp: [15, -10, 5, -20, 10, 0, -5, 12, -8] },
  { symbol: 'VNQ', name: 'Vanguard Real Estate ETF', assetType: 'real_estate', price: '88.93', trendBp: 10, wiggleBp: [60, -70, 40, -30, 20, -50, 35] },
  { symbol: 'GLD', name: 'SPDR Gold Shares', assetType: 'commodity', price: '241.50', trendBp: -30, wiggleBp: [50, -40, 70, -60, 20, -10, 30, -45] },
] as const;
type Symbol = (typeof CATALOGUE)[number]['symbol'];

/** A year of weekly closes: week 0 is 52 weeks ago, week 52 an hour ago. */
const WEEKS = 52;

/** What happens in a demo portfolio, week by week: transactions, and when its targets are set. */
interface DemoPortfolio {
  name: string;
  lotMethod: 'FIFO' | 'HIFO';
  events: Array<
    | { week: number; type: 'DEPOSIT'; amount: string }
    | { week: number; type: 'BUY'; symbol: Symbol; quantity: string }
    | { week: number; type: 'DIVIDEND'; symbol: Symbol; amount: string }
  >;
  targetsWeek: number;
  targets: Array<{ assetType: string; targetPercentage: string; relativeTolerancePercentage?: string; preferred?: Symbol }>;
}

const PORTFOLIOS: DemoPortfolio[] = [
  {
    // Within its bands when set up; a year of rising stock and falling bonds leaves it CRITICAL, with an
    // open alert, a pending plan and a VXUS lot under water to harvest.
    name: 'Taxable: drifted 60/30/10',
    lotMethod: 'HIFO',
    events: [
      { week: 0, type: 'DEPOSIT', amount: '100000' },
      { week: 0, type: 'BUY', symbol: 'VTI', quantity: '320' },
      { week: 1, type: 'BUY', symbol: 'BND', quantity: '400' },
      { week: 30, type: 'BUY', symbol: 'VXUS', quantity: '100' },
      { week: 44, type: 'BUY', symbol: 'VNQ', quantity: '20' },
      { week: 48, type: 'DIVIDEND', symbol: 'BND', amount: '412.50' },
    ],
    targetsWeek: 2,
    targets: [
      { assetType: 'stock', targetPercentage: '60', preferred: 'VTI' },
      { assetType: 'bond', targetPercentage: '30', relativeTolerancePercentage: '25', preferred: 'BND' },
      { assetType: 'cash', targetPercentage: '10' },
    ],
  },
  {
    name: 'Roth IRA: 80/20',
    lotMethod: 'FIFO',
    events: [
      { week: 4, type: 'DEPOSIT', amount: '31500' },
      { week: 4, type: 'BUY', symbol: 'VTI', quantity: '130' },
      { week: 4, type: 'BUY', symbol: 'BND', quantity: '100' },
    ],
    targetsWeek: 4,
    targets: [
      { assetType: 'stock', targetPercentage: '80', preferred: 'VTI' },
      { assetType: 'bond', targetPercentage: '20', preferred: 'BND' },
    ],
  },
  {
    // Bought gold near its high: a loss to harvest in a portfolio that is otherwise within its bands.
    name: 'College fund: 50/33/10/7',
    lotMethod: 'FIFO',
    events: [
      { week: 10, type: 'DEPOSIT', amount: '20000' },
      { week: 10, type: 'BUY', symbol: 'VTI', quantity: '45' },
      { week: 10, type: 'BUY', symbol: 'BND', quantity: '100' },
      { week: 10, type: 'BUY', symbol: 'GLD', quantity: '8' },
    ],
    targetsWeek: 10,
    targets: [
      { assetType: 'stock', targetPercentage: '50', preferred: 'VTI' },
      { assetType: 'bond', targetPercentage: '33', preferred: 'BND' },
      { assetType: 'commodity', targetPercentage: '10', preferred: 'GLD' },
      { assetType: 'cash', targetPercentage: '7' },
    ],
  },
];

/** Weekly prices, from today's backwards: a week's close divided by (1 + that week's move), to the cent. */
function priceSeries(entry: (typeof CATALOGUE)[number]): Big[] {
  const prices: Big[] = new Array<Big>(WEEKS + 1);
  prices[WEEKS] = new Big(entry.price);
  for (let week = WEEKS; week > 0; week--) {
    const moveBp = entry.trendBp + entry.wiggleBp[week % entry.wiggleBp.length];
    prices[week - 1] = prices[week].div(new Big(moveBp).div(10_000).plus(1)).round(2, Big.roundHalfEven);
  }
  return prices;
}

/**
 * Idempotent: the demo user, a small catalogue with a year of weekly prices, and three portfolios
 * whose transactions, targets and drift history are laid down week by week, as if the service had
 * watched them all year. Ends with the drift evaluated (one portfolio has an open alert) and a
 * pending plan for it. Running it again changes nothing.
 */
async function main(): Promise<void> {
  let config;
  try {
    // No job workers here: the evaluation below runs in this process, and re-check jobs would record
    // drift at today's date in the middle of a history being laid down week by week.
    config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', JOB_WORKERS: 'false' });
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
  const server = await resolveDatabaseServer(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, server.url), { logger: ['error', 'warn'] });
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    let user = await dataSource.getRepository(User).findOneBy({ email: DEMO_EMAIL });
    if (!user) {
      await app.get(UsersService).register({ email: DEMO_EMAIL, password: DEMO_PASSWORD });
      user = await dataSource.getRepository(User).findOneByOrFail({ email: DEMO_EMAIL });
    }
    const principal: Principal = { userId: user.id, email: user.email, role: user.role, scopes: SCOPES_BY_ROLE[user.role], authMethod: 'jwt', apiKeyId: null };
    const existing = await dataSource.getRepository(Portfolio).findBy({ userId: user.id, name: In(PORTFOLIOS.map((portfolio) => portfolio.name)) });
    if (existing.length === 0) await layDown(app, dataSource, principal);
    const portfolios = await dataSource.getRepository(Portfolio).find({ where: { userId: user.id }, order: { createdAt: 'ASC' } });
    console.log(`Demo ready. Log in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
    for (const portfolio of portfolios) console.log(`Portfolio "${portfolio.name}": GET /api/v1/portfolios/${portfolio.id}/drift`);
  } finally {
    await app.close();
    await server.stop();
  }
}

async function layDown(app: INestApplicationContext, dataSource: DataSource, principal: Principal): Promise<void> {
  const assets = app.get(AssetsService);
  const series = new Map(CATALOGUE.map((entry) => [entry.symbol, priceSeries(entry)]));
  const start = Date.now() - 3_600_000;
  const weekDate = (week: number) => new Date(start - (WEEKS - week) * 7 * 86_400_000);
  const idOf = new Map<Symbol, string>();
  for (const entry of CATALOGUE) {
    let asset = await dataSource.getRepository(Asset).findOneBy({ symbol: entry.symbol });
    if (!asset) {
      await assets.create({
        symbol: entry.symbol,
        name: entry.name,
        assetType: entry.assetType,
        currency: 'USD',
        classWeights: [],
        price: null,
        priceAsOf: null,
      });
      asset = await dataSource.getRepository(Asset).findOneByOrFail({ symbol: entry.symbol });
    }
    idOf.set(entry.symbol, asset.id);
  }

  const portfoliosService = app.get(PortfoliosService);
  const transactions = app.get(TransactionsService);
  const targets = app.get(TargetsService);
  const drift = app.get(DriftService);
  const history = app.get(DriftHistoryRepository);
  const ids: string[] = [];
  try {
    for (const demo of PORTFOLIOS) ids.push((await portfoliosService.create(principal, toNewPortfolio({ name: demo.name, lotMethod: demo.lotMethod }))).id);
    for (let week = 0; week <= WEEKS; week++) {
      const at = weekDate(week);
      await assets.feed(CATALOGUE.map((entry) => ({ symbol: entry.symbol, price: new Big(series.get(entry.symbol)![week].toFixed(2)), asOf: at })));
      for (const [index, demo] of PORTFOLIOS.entries()) {
        for (const event of demo.events.filter((candidate) => candidate.week === week)) {
          const body =
            event.type === 'DEPOSIT'
              ? { type: event.type, amount: event.amount, executedAt: at }
              : event.type === 'DIVIDEND'
                ? { type: event.type, assetId: idOf.get(event.symbol), amount: event.amount, executedAt: at }
                : {
                    type: event.type,
                    assetId: idOf.get(event.symbol),
                    quantity: event.quantity,
                    price: series.get(event.symbol)![week].toFixed(2),
                    fee: '1',
                    executedAt: at,
                  };
          await transactions.create(principal, ids[index], toTransactionEntry(body));
        }
        if (week === demo.targetsWeek) {
          await targets.put(
            principal,
            ids[index],
            toNewTargets({
              targets: demo.targets.map(({ preferred, ...target }) => ({ ...target, preferredAssetId: preferred ? idOf.get(preferred) : undefined })),
            }),
          );
        }
        if (week >= demo.targetsWeek) {
          // The week's drift as the service saw it then: prices and holdings up to that week are the newest ones yet.
          const snapshot = await drift.snapshot(principal, ids[index]);
          const report = computeDrift(
            classValues(snapshot.holdings, snapshot.portfolio.cash),
            snapshot.bands,
            snapshot.portfolio.untargetedTolerancePercentage,
          );
          await dataSource.transaction((manager) => history.recordChanged(manager, [{ portfolioId: ids[index], report }], at));
        }
      }
    }
    await dataSource.transaction((manager) => app.get(DriftMonitorService).evaluate(manager, { ids }));
    await app.get(PlansService).create(principal, ids[0], toSuggestionOptions({ strategy: 'TO_TARGET', taxAware: true }));
  } catch (error) {
    // A half-built demo would make the next run skip it; start over next time instead.
    for (const id of ids) await portfoliosService.remove(principal, id);
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
