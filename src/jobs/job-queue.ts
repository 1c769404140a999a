import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_SCHEMA, type QueueName } from './queues';

export const JOBS_DATABASE_URL = Symbol('JOBS_DATABASE_URL');

export interface EnqueueOptions {
  /** Enqueue inside this transaction: the job exists exactly when the write that caused it commits. */
  manager?: EntityManager;
  retryLimit?: number;
  retryDelay?: number;
  /** A job with the same key that has not started yet absorbs this one. */
  singletonKey?: string;
}

export interface JobAttempt {
  /** 1 for the first try. */
  number: number;
  /** No retry follows if this one fails. */
  last: boolean;
}

export interface WorkOptions {
  /** Parallel workers of this queue in this instance. */
  concurrency?: number;
}

/** pg-boss runs its statements on the transaction's connection when given this. */
function transactionDb(manager: EntityManager): PgBoss.Db {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('JobQueue: a transactional enqueue needs a transaction manager');
  return { executeSql: async (text, values) => ({ rows: (await runner.query(text, values, true)).records }) };
}

/**
 * The PostgreSQL job queue (pg-boss). Every instance enqueues; instances with
 * JOB_WORKERS=true also fetch jobs (SKIP LOCKED, so each job runs once), keep
 * the cron schedule (one job per tick across instances) and expire jobs whose
 * instance died, so another one retries them.
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly localWorkers = new Map<QueueName, string[]>();
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS_DATABASE_URL) databaseUrl: string,
  ) {
    const workers = config.jobs.workers;
    this.boss = new PgBoss({
      connectionString: databaseUrl,
      schema: JOB_SCHEMA,
      application_name: 'rebalance-jobs',
      max: 4,
      // The schema and the queues come from migrations/, like every other table.
      migrate: false,
      supervise: workers,
      schedule: workers,
      maintenanceIntervalSeconds: config.jobs.maintenanceIntervalSeconds,
      expireInSeconds: config.jobs.expireSeconds,
    });
    this.boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
  }

  get workers(): boolean {
    return this.config.jobs.workers;
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
  }

  /** Before TypeORM closes its pool: running jobs finish (or fail over) while the database is still there. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.boss.stop({ graceful: true, wait: true, timeout: 20_000 });
  }

  async send(queue: QueueName, data: object, options: EnqueueOptions = {}): Promise<string | null> {
    const { manager, ...rest } = options;
    return this.boss.send(queue, data, { ...rest, expireInSeconds: this.config.jobs.expireSeconds, ...(manager ? { db: transactionDb(manager) } : {}) });
  }

  /** Many jobs of one queue in one statement. */
  async sendMany(queue: QueueName, data: object[], options: EnqueueOptions = {}): Promise<void> {
    if (data.length === 0) return;
    const { manager, retryLimit, retryDelay } = options;
    const expireInSeconds = this.config.jobs.expireSeconds;
    await this.boss.insert(
      data.map((item) => ({ name: queue, data: item, expireInSeconds, retryLimit, retryDelay })),
      manager ? { db: transactionDb(manager) } : {},
    );
  }

  async schedule(queue: QueueName, cron: string): Promise<void> {
    await this.boss.schedule(queue, cron, {}, { tz: 'UTC' });
  }

  /** Starts workers for the queue when this instance runs workers; a throwing handler fails the job, which is retried. */
  async work<T extends object>(queue: QueueName, handler: (data: T, attempt: JobAttempt) => Promise<void>, options: WorkOptions = {}): Promise<void> {
    if (!this.workers) return;
    const pollingIntervalSeconds = this.config.jobs.pollingIntervalSeconds;
    for (let i = 0; i < (options.concurrency ?? 1); i++) {
      const workerId: string = await this.boss.work<T>(queue, { pollingIntervalSeconds, batchSize: 1, includeMetadata: true }, async ([job]) => {
        // A fetch already on its way when shutdown began still hands its job over, after pg-boss has stopped
        // waiting for running jobs and while the pool closes: it goes back to the queue, to be retried elsewhere.
        if (this.stopping) throw new Error('this instance is shutting down');
        try {
          await handler(job.data, { number: job.retryCount + 1, last: job.retryCount >= job.retryLimit });
        } catch (error) {
          this.logger.warn(`${queue} job ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        } finally {
          // pg-boss waits a polling interval after every fetch; a worker that just found work looks again at once,
          // so a backlog drains at the speed of the work, and only an idle worker waits.
          this.boss.notifyWorker(workerId);
        }
      });
      this.localWorkers.set(queue, [...(this.localWorkers.get(queue) ?? []), workerId]);
    }
  }

  /** Jobs just committed: this instance's idle workers of the queue look now instead of at their next poll. */
  wake(queue: QueueName): void {
    for (const workerId of this.localWorkers.get(queue) ?? []) this.boss.notifyWorker(workerId);
  }
}
