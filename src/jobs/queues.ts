/**
 * The job queues. They are created by a migration (the queue table and its
 * partitions are schema), so adding one here means adding one there too.
 */
export const QUEUES = {
  /** One per tick or admin trigger: splits the portfolios with targets into batches. */
  driftScan: 'drift-scan',
  /** One batch of portfolios by id range, evaluated in one transaction. */
  driftScanBatch: 'drift-scan-batch',
  /** Portfolios whose drift a write may have moved. */
  driftRecheck: 'drift-recheck',
  /** A PENDING plan for an alert on a portfolio with autoRebalance SUGGEST. */
  autoPlan: 'auto-plan',
  /** A PENDING household plan for an alert on a household with autoRebalance SUGGEST. */
  householdAutoPlan: 'household-auto-plan',
  /** One webhook delivery; retried with exponential backoff. */
  webhookDelivery: 'webhook-delivery',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOB_SCHEMA = 'pgboss';

/** Defaults stored with each queue; a send may override them. */
export const QUEUE_DEFAULTS: Record<QueueName, { retryLimit: number; retryDelay: number; retryBackoff: boolean }> = {
  [QUEUES.driftScan]: { retryLimit: 3, retryDelay: 5, retryBackoff: true },
  [QUEUES.driftScanBatch]: { retryLimit: 5, retryDelay: 1, retryBackoff: true },
  [QUEUES.driftRecheck]: { retryLimit: 5, retryDelay: 1, retryBackoff: true },
  [QUEUES.autoPlan]: { retryLimit: 3, retryDelay: 5, retryBackoff: true },
  // A household is solved on the solver pool, which refuses work when its queue is full: waits of 10 s doubling to 160 s outlast a burst.
  [QUEUES.householdAutoPlan]: { retryLimit: 5, retryDelay: 10, retryBackoff: true },
  [QUEUES.webhookDelivery]: { retryLimit: 12, retryDelay: 30, retryBackoff: true },
};
