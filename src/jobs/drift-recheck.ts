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
