import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRateLimitCounters1795496639823 implements MigrationInterface {
  name = 'CreateRateLimitCounters1795496639823';

  async up(queryRunner: QueryRunner): Promise<void> {
    // UNLOGGED: counters need no crash safety, and skipping the WAL keeps the per-request upsert cheap.
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "rate_limit_counters" ("subject" character varying(60) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_c7e42bfacb1cbbe3e386873cef5" PRIMARY KEY ("subject"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
  }
}
