import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRebalancingPlans1795490932016 implements MigrationInterface {
  name = 'CreateRebalancingPlans1795490932016';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rebalancing_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "portfolio_id" uuid NOT NULL, "status" character varying(9) NOT NULL, "options" jsonb NOT NULL, "holdings_version" character varying(40) NOT NULL, "summary" jsonb NOT NULL, "warnings" jsonb NOT NULL, "idempotency_key" character varying(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "executed_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_rebalancing_plans_idempotency_key" UNIQUE ("portfolio_id", "idempotency_key"), CONSTRAINT "PK_9ba1198c40160539002eb4f54f2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_33e469731ca8121171f9cafd4f" ON "rebalancing_plans"  ("portfolio_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "rebalancing_plan_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "ordinal" integer NOT NULL, "asset_id" uuid, "asset_type" character varying(50) NOT NULL, "action" character varying(4) NOT NULL, "quantity" numeric, "price" numeric, "estimated_value" numeric NOT NULL, "suggestion" jsonb NOT NULL, "status" character varying(9) NOT NULL, "executed_at" TIMESTAMP WITH TIME ZONE, "transaction_id" uuid, CONSTRAINT "PK_a9c5e1be4e0891abfe30bf6f3ca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_289e37d683201cdbe29504c6e1" ON "rebalancing_plan_items"  ("plan_id", "ordinal") `);
    await queryRunner.query(
      `ALTER TABLE "rebalancing_plans" ADD CONSTRAINT "FK_1a2abe02db40533403fe415f9d4" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "rebalancing_plan_items" ADD CONSTRAINT "FK_d5858628b18a81eef61646d09c4" FOREIGN KEY ("plan_id") REFERENCES "rebalancing_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rebalancing_plan_items" DROP CONSTRAINT "FK_d5858628b18a81eef61646d09c4"`);
    await queryRunner.query(`ALTER TABLE "rebalancing_plans" DROP CONSTRAINT "FK_1a2abe02db40533403fe415f9d4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_289e37d683201cdbe29504c6e1"`);
    await queryRunner.query(`DROP TABLE "rebalancing_plan_items"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_33e469731ca8121171f9cafd4f"`);
    await queryRunner.query(`DROP TABLE "rebalancing_plans"`);
  }
}
