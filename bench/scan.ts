import type { INestApplicationContext } from '@nestjs/common';
import { type DataSource, In } from 'typeorm';
import { Big } from '../src/common/decimal/decimal';
import { Asset } from '../src/portfolio/entities/asset.entity';
import { AssetPrice } from '../src/portfolio/entities/asset-price.entity';
import { Portfolio } from '../src/portfolio/entities/portfolio.entity';
import { Position } from '../src/portfolio/entities/position.entity';
import { computeDrift } from '../src/rebalancing/domain/drift';
import { classValues } from '../src/rebalancing/domain/what-if';
import { DriftScanScheduler } from '../src/rebalancing/drift-scan.scheduler';
import { TargetAllocation } from '../src/rebalancing/entities/target-allocation.entity';
import { toTargetBand } from '../src/rebalancing/targets.service';

export interface ScanFigures {
  portfolios: number;
  floorMs: number;
  scanMs: number;
  naiveMs: number;
  scanToFloor: number;
  naiveToScan: number;
  peakRssMb: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The floor: the one aggregate that values every portfolio per class, and nothing else. Per class
 * counts look-through funds by their class weights, so it joins them as the scan does.
 */
export async function floor(dataSource: DataSource): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const rows = await dataSource.query<unknown[]>(
    `WITH latest AS (SELECT DISTINCT ON (asset_id) asset_id, price FROM asset_prices ORDER BY asset_id, as_of DESC)
     SELECT pos.portfolio_id, coalesce(w.asset_type, a.asset_type) AS asset_type,
            sum(pos.quantity * coalesce(l.price, 0) * coalesce(w.percentage, 100) * 0.01) AS value
     FROM positions pos JOIN assets a ON a.id = pos.asset_id LEFT JOIN asset_class_weights w ON w.asset_id = a.id
          LEFT JOIN latest l ON l.asset_id = pos.asset_id
     GROUP BY 1, 2`,
  );
  return { ms: performance.now() - started, rows: rows.length };
}

/** The service's scan as the schedule runs it: batches enqueued, taken by this process's workers, until COMPLETED. */
export async function serviceScan(app: INestApplicationContext, dataSource: DataSource): Promise<{ ms: number; evaluated: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const started = performance.now();
  try {
    const scan = await app.get(DriftScanScheduler).startScan('MANUAL');
    for (;;) {
      const [row] = await dataSource.query<Array<{ status: string; evaluated_count: number }>>(
        'SELECT status, evaluated_count FROM drift_scans WHERE id = $1',
        [scan.id],
      );
      if (row.status === 'COMPLETED') return { ms: performance.now() - started, evaluated: row.evaluated_count, peakRssMb: peak / 2 ** 20 };
      await sleep(20);
    }
  } finally {
    clearInterval(sampler);
  }
}

/**
 * The design the service replaced: per portfolio, load its positions with
 * their assets, their prices and its targets through the ORM, and compute
 * drift in JS, one portfolio after another (three queries each, no N+1).
 */
export async function naiveScan(dataSource: DataSource, limit?: number): Promise<{ ms: number; evaluated: number }> {
  const started = performance.now();
  const portfolios = await dataSource.getRepository(Portfolio).find({ order: { id: 'ASC' }, take: limit });
  for (const portfolio of portfolios) {
    const positions = await dataSource.getRepository(Position).find({ where: { portfolioId: portfolio.id }, relations: { asset: { classWeights: true } } });
    const prices = await dataSource
      .getRepository(AssetPrice)
      .find({ where: { assetId: In(positions.map((position) => position.assetId)) }, order: { asOf: 'DESC' } });
    const latest = new Map<string, Big>();
    for (const price of prices) if (!latest.has(price.assetId)) latest.set(price.assetId, price.price);
    const values = classValues(
      positions.map((position) => {
        const asset = position.asset as Asset;
        return {
          assetId: asset.id,
          assetType: asset.assetType,
          quantity: position.quantity,
          price: latest.get(position.assetId) ?? null,
          classWeights: asset.classWeights,
        };
      }),
      portfolio.cash,
    );
    const targets = await dataSource.getRepository(TargetAllocation).find({ where: { portfolioId: portfolio.id } });
    computeDrift(values, targets.map(toTargetBand));
  }
  return { ms: performance.now() - started, evaluated: portfolios.length };
}
