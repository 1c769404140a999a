import PgBoss from 'pg-boss';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { JOB_SCHEMA, QUEUE_DEFAULTS } from '../src/jobs/queues';

/**
 * pg-boss's own schema and our queues. The SQL is pg-boss's construction plan
 * for the pinned version, so the app starts it with migrate off; upgrading
 * pg-boss past a schema change takes a migration running PgBoss.getMigrationPlans.
 */
export class CreateJobQueue1795492000000 implements MigrationInterface {
  name = 'CreateJobQueue1795492000000';
  // The plan brings its own BEGIN/COMMIT and advisory lock.
  transaction = false as const;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(PgBoss.getConstructionPlans(JOB_SCHEMA));
    for (const [name, defaults] of Object.entries(QUEUE_DEFAULTS)) {
      await queryRunner.query(`SELECT ${JOB_SCHEMA}.create_queue($1, $2)`, [name, JSON.stringify({ policy: 'standard', ...defaults })]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA ${JOB_SCHEMA} CASCADE`);
  }
}
