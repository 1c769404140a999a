import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PlanExecutionRecord1795500100000 implements MigrationInterface {
  name = 'PlanExecutionRecord1795500100000';

  // Widening a varchar keeps every value; plans executed before this have no execution record (null).
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rebalancing_plans" ALTER COLUMN "status" TYPE character varying(18)`);
    await queryRunner.query(`ALTER TABLE "rebalancing_plans" ADD "execution" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rebalancing_plans" DROP COLUMN "execution"`);
    await queryRunner.query(`UPDATE "rebalancing_plans" SET "status" = 'EXECUTED' WHERE "status" = 'PARTIALLY_EXECUTED'`);
    await queryRunner.query(`ALTER TABLE "rebalancing_plans" ALTER COLUMN "status" TYPE character varying(9)`);
  }
}
