import type { EntityManager } from 'typeorm';
import type { JobQueue } from './job-queue';
import { QUEUES } from './queues';

/** Recheck jobs carry at most this many portfolios, so a widely held asset's price update spreads over workers. */
export const RECHECK_CHUNK = 500;

/**
 * Enqueues a drift re-check of these portfolios in the caller's transaction:
 * the job exists exactly when the write that moved their drift commits.
 */
export async function enqueueDriftRecheck(jobs: JobQueue, manager: EntityManager, portfolioIds: readonly string[]): Promise<void> {
  const chunks: Array<{ portfolioIds: string[] }> = [];
  for (let start = 0; start < portfolioIds.length; start += RECHECK_CHUNK) chunks.push({ portfolioIds: portfolioIds.slice(start, start + RECHECK_CHUNK) });
  await jobs.sendMany(QUEUES.driftRecheck, chunks, { manager });
}

/** The portfolios with targets that hold any of these assets: the only ones a price change can move. */
export async function holdersOf(manager: EntityManager, assetIds: readonly string[]): Promise<string[]> {
  const rows = await manager.query<Array<{ portfolio_id: string }>>(
    `SELECT DISTINCT pos.portfolio_id FROM positions pos
     WHERE pos.asset_id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM target_allocations t WHERE t.portfolio_id = pos.portfolio_id)
     ORDER BY pos.portfolio_id`,
    [assetIds],
  );
  return rows.map((row) => row.portfolio_id);
}
