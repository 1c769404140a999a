import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDriftAlertsAndWebhooks1795492134564 implements MigrationInterface {
  name = 'CreateDriftAlertsAndWebhooks1795492134564';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "drift_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "portfolio_id" uuid NOT NULL, "status" character varying(12) NOT NULL, "level" character varying(8) NOT NULL, "total_value" numeric NOT NULL, "total_drift" numeric NOT NULL, "items" jsonb NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "level_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "plan_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1ff6186cb577fa205dd8626e195" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_drift_alerts_one_open_per_portfolio" ON "drift_alerts"  ("portfolio_id") WHERE "status" <> 'RESOLVED'`);
    await queryRunner.query(`CREATE INDEX "IDX_865112659e03a05d995d7e83ce" ON "drift_alerts"  ("portfolio_id", "opened_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "drift_scans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "trigger" character varying(9) NOT NULL, "status" character varying(9) NOT NULL, "portfolio_count" integer NOT NULL, "batch_count" integer NOT NULL, "batches_done" integer NOT NULL DEFAULT '0', "evaluated_count" integer NOT NULL DEFAULT '0', "alerts_opened" integer NOT NULL DEFAULT '0', "alerts_escalated" integer NOT NULL DEFAULT '0', "alerts_resolved" integer NOT NULL DEFAULT '0', "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_413a56939edeed823d11597f335" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "drift_scan_batches" ("scan_id" uuid NOT NULL, "batch_no" integer NOT NULL, "evaluated" integer NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a9f19d38f9bc71f8f2b1fdf2928" PRIMARY KEY ("scan_id", "batch_no"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "url" character varying(2048) NOT NULL, "events" character varying(40) array NOT NULL, "secret" character varying(80) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_999b40fb129d7add8420009b7a" ON "webhook_endpoints"  ("user_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "webhook_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "data" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4cba37e6a0acb5e1fc49c34ebfd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "event_id" uuid NOT NULL, "status" character varying(9) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_webhook_deliveries_endpoint_event" UNIQUE ("endpoint_id", "event_id"), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_3f867d0adaf5ef6a96eb4cccde" ON "webhook_deliveries"  ("endpoint_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "response_status" integer, "error" character varying(500), "duration_ms" integer NOT NULL, CONSTRAINT "PK_59ef9124585b56c18b98548a0c6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_48172fcbd713fed8e7683facf5" ON "webhook_delivery_attempts"  ("delivery_id", "attempted_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_positions_asset" ON "positions" ("asset_id") `);
    await queryRunner.query(`ALTER TABLE "portfolios" ADD "auto_rebalance" character varying(7) NOT NULL DEFAULT 'OFF'`);
    await queryRunner.query(`ALTER TABLE "portfolios" ADD "rebalance_options" jsonb`);
    await queryRunner.query(`ALTER TABLE "rebalancing_plans" ADD "origin" character varying(9) NOT NULL DEFAULT 'MANUAL'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_rebalancing_plans_one_pending_automatic" ON "rebalancing_plans"  ("portfolio_id") WHERE "origin" = 'AUTOMATIC' AND "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD CONSTRAINT "FK_6fce8b3c809abe6461396cf8acb" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD CONSTRAINT "FK_33e4d0098957b5e065dfefc169a" FOREIGN KEY ("plan_id") REFERENCES "rebalancing_plans"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "drift_scan_batches" ADD CONSTRAINT "FK_ae691702f60d000d9e73994fd5f" FOREIGN KEY ("scan_id") REFERENCES "drift_scans"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "FK_1f1a98a1a1faabacca9aff7ab6e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_events" ADD CONSTRAINT "FK_1a31c593da859c2794d9653a4ef" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "FK_647916c401c0c275df5f00c148f" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_delivery_attempts" DROP CONSTRAINT "FK_647916c401c0c275df5f00c148f"`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f"`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_0b882c26a9b91c26e6e86b4867c"`);
    await queryRunner.query(`ALTER TABLE "webhook_events" DROP CONSTRAINT "FK_1a31c593da859c2794d9653a4ef"`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "FK_1f1a98a1a1faabacca9aff7ab6e"`);
    await queryRunner.query(`ALTER TABLE "drift_scan_batches" DROP CONSTRAINT "FK_ae691702f60d000d9e73994fd5f"`);
    await queryRunner.query(`ALTER TABLE "drift_alerts" DROP CONSTRAINT "FK_33e4d0098957b5e065dfefc169a"`);
    await queryRunner.query(`ALTER TABLE "drift_alerts" DROP CONSTRAINT "FK_6fce8b3c809abe6461396cf8acb"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_rebalancing_plans_one_pending_automatic"`);
    await queryRunner.query(`ALTER TABLE "rebalancing_plans" DROP COLUMN "origin"`);
    await queryRunner.query(`ALTER TABLE "portfolios" DROP COLUMN "rebalance_options"`);
    await queryRunner.query(`ALTER TABLE "portfolios" DROP COLUMN "auto_rebalance"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_positions_asset"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_48172fcbd713fed8e7683facf5"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3f867d0adaf5ef6a96eb4cccde"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_999b40fb129d7add8420009b7a"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
    await queryRunner.query(`DROP TABLE "drift_scan_batches"`);
    await queryRunner.query(`DROP TABLE "drift_scans"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_865112659e03a05d995d7e83ce"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_drift_alerts_one_open_per_portfolio"`);
    await queryRunner.query(`DROP TABLE "drift_alerts"`);
  }
}
