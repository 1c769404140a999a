import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GlobalIdempotencyKeys1795496475464 implements MigrationInterface {
  name = 'GlobalIdempotencyKeys1795496475464';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rebalancing_plans" DROP CONSTRAINT "UQ_rebalancing_plans_idempotency_key"`);
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("scope" character varying(60) NOT NULL, "key" character varying(255) NOT NULL, "user_id" uuid NOT NULL, "method" character varying(7) NOT NULL, "path" character varying(2048) NOT NULL, "request_hash" character(64) NOT NULL, "lock_token" uuid, "response_status" integer, "response_body" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_15de2f76fa9f27ad8f330983607" PRIMARY KEY ("scope", "key"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e5fc0731b6752a8e9194fa265e" ON "idempotency_keys"  ("expires_at") `);
    await queryRunner.query(`ALTER TABLE "rebalancing_plans" DROP COLUMN "idempotency_key"`);
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "FK_4d2181624ba2d61e76a07175198" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "FK_4d2181624ba2d61e76a07175198"`);
    await queryRunner.query(`ALTER TABLE "rebalancing_plans" ADD "idempotency_key" character varying(255)`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e5fc0731b6752a8e9194fa265e"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`ALTER TABLE "rebalancing_plans" ADD CONSTRAINT "UQ_rebalancing_plans_idempotency_key" UNIQUE ("portfolio_id", "idempotency_key")`);
  }
}
