import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Household plans (issue 18): trades across a household's accounts, solved, stored and executed once. */
export class HouseholdRebalancingPlans1795500700000 implements MigrationInterface {
  name = 'HouseholdRebalancingPlans1795500700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "household_rebalancing_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "status" character varying(9) NOT NULL, "options" jsonb NOT NULL, "holdings_version" character varying(32) NOT NULL, "prices" jsonb NOT NULL, "accounts" jsonb NOT NULL, "report" jsonb NOT NULL, "warnings" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "execution" jsonb, "executed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3712bb816ed4752667efd3c0188" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0f1f556246deadd36fade371ba" ON "household_rebalancing_plans"  ("household_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "household_rebalancing_plan_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "ordinal" integer NOT NULL, "portfolio_id" uuid NOT NULL, "asset_id" uuid NOT NULL, "symbol" character varying(20) NOT NULL, "side" character varying(4) NOT NULL, "quantity" numeric(20,8) NOT NULL, "price" numeric(20,8) NOT NULL, "lot_id" uuid, "reason" character varying(1000) NOT NULL, "status" character varying(9) NOT NULL, "executed_at" TIMESTAMP WITH TIME ZONE, "transaction_id" uuid, CONSTRAINT "PK_cf7f53baf74d67fe6203d5e98b7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b80bc7ef64f38b26e574b3f40d" ON "household_rebalancing_plan_items"  ("plan_id", "ordinal") `);
    await queryRunner.query(
      `ALTER TABLE "household_rebalancing_plans" ADD CONSTRAINT "FK_01d0c489ad4680b3111325e60ad" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_rebalancing_plan_items" ADD CONSTRAINT "FK_cf94bec3fde5e4ee7b101e18ebf" FOREIGN KEY ("plan_id") REFERENCES "household_rebalancing_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_rebalancing_plan_items" ADD CONSTRAINT "FK_da2e24414389887fa9bb9678dee" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "household_rebalancing_plan_items" DROP CONSTRAINT "FK_da2e24414389887fa9bb9678dee"`);
    await queryRunner.query(`ALTER TABLE "household_rebalancing_plan_items" DROP CONSTRAINT "FK_cf94bec3fde5e4ee7b101e18ebf"`);
    await queryRunner.query(`ALTER TABLE "household_rebalancing_plans" DROP CONSTRAINT "FK_01d0c489ad4680b3111325e60ad"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b80bc7ef64f38b26e574b3f40d"`);
    await queryRunner.query(`DROP TABLE "household_rebalancing_plan_items"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0f1f556246deadd36fade371ba"`);
    await queryRunner.query(`DROP TABLE "household_rebalancing_plans"`);
  }
}
