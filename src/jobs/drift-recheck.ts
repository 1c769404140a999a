import type { EntityManager } from 'typeorm';
import type { JobQueue } from './job-queue';
import { QUEUES } from './queues';

/** Recheck jobs carry at most this many portfolios, so a widely held asset's price update spreads over workers. */
export const RECHECK_CHUNK = 500;

/** A re-check job: these portfolios, the households with targets that hold them, and these households besides. */
export interface DriftRecheckJob {
  portfolioIds: string[];
  /** Households whose drift moved without a portfolio of theirs saying so (their targets, an account that left); absent in older jobs. */
  householdIds?: string[];
}

/**
 * Enqueues a drift re-check of these portfolios (and so of their households with targets) and of
 * these households in the caller's transaction: the job exists exactly when the write that moved
 * their drift commits.
 */
export async function enqueueDriftRecheck(
  jobs: JobQueue,
  manager: EntityManager,
  portfolioIds: readonly string[],
  householdIds: readonly string[] = [],
): Promise<void> {
  const chunks: DriftRecheckJob[] = [];
  for (let start = 0; start < portfolioIds.length; start += RECHECK_CHUNK) chunks.push({ portfolioIds: portfolioIds.slice(start, start + RECHECK_CHUNK) });
  for (let start = 0; start < householdIds.length; start += RECHECK_CHUNK)
    chunks.push({ portfolioIds: [], householdIds: householdIds.slice(start, start + RECHECK_CHUNK) });
  await jobs.sendMany(QUEUES.driftRecheck, chunks, { manager });
}
