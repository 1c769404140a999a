import type { MigrationInterface, QueryRunner } from 'typeorm';

const QUEUE = 'household-auto-plan';

/**
 * Automatic household plans (issue 18): a household's autoRebalance (OFF for every existing
 * household, so nothing changes until its owner asks), a household plan's origin (every existing
 * plan was made by a caller: MANUAL) and its cancellation, the household plan a household's alert
 * links, and the job queue that proposes it.
 */
export class HouseholdAutomaticPlans1795500900000 implements MigrationInterface {
  name = 'HouseholdAutomaticPlans1795500900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "households" ADD "auto_rebalance" character varying(7) NOT NULL DEFAULT 'OFF'`);

    await queryRunner.query(`ALTER TABLE "household_rebalancing_plans" ADD "origin" character varying(9) NOT NULL DEFAULT 'MANUAL'`);
    await queryRunner.query(`ALTER TABLE "household_rebalancing_plans" ADD "cancelled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_household_rebalancing_plans_one_pending_automatic" ON "household_rebalancing_plans" ("household_id") WHERE "origin" = 'AUTOMATIC' AND "status" = 'PENDING'`,
    );

    await queryRunner.query(`ALTER TABLE "drift_alerts" ADD "household_plan_id" uuid`);
    // Every existing row passes: household alerts never linked a plan (plan_id stayed null for them).
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD CONSTRAINT "CHK_drift_alerts_plan_fits_subject" CHECK (("plan_id" IS NULL OR "portfolio_id" IS NOT NULL) AND ("household_plan_id" IS NULL OR "household_id" IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD CONSTRAINT "FK_826c15ad558003244d5e74bea12" FOREIGN KEY ("household_plan_id") REFERENCES "household_rebalancing_plans"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );

    // CreateJobQueue creates every queue the code lists, so on a fresh database this one exists already.
    await queryRunner.query(`SELECT pgboss.create_queue($1, $2) WHERE NOT EXISTS (SELECT 1 FROM pgboss.queue WHERE name = $1)`, [
      QUEUE,
      JSON.stringify({ policy: 'standard', retryLimit: 5, retryDelay: 10, retryBackoff: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT pgboss.delete_queue($1)`, [QUEUE]);
    await queryRunner.query(`ALTER TABLE "drift_alerts" DROP CONSTRAINT "FK_826c15ad558003244d5e74bea12"`);
    await queryRunner.query(`ALTER TABLE "drift_alerts" DROP CONSTRAINT "CHK_drift_alerts_plan_fits_subject"`);
    await queryRunner.query(`ALTER TABLE "drift_alerts" DROP COLUMN "household_plan_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_household_rebalancing_plans_one_pending_automatic"`);
    await queryRunner.query(`ALTER TABLE "household_rebalancing_plans" DROP COLUMN "cancelled_at"`);
    await queryRunner.query(`ALTER TABLE "household_rebalancing_plans" DROP COLUMN "origin"`);
    await queryRunner.query(`ALTER TABLE "households" DROP COLUMN "auto_rebalance"`);
  }
}
