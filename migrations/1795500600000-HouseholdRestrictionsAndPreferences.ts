import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HouseholdRestrictionsAndPreferences1795500600000 implements MigrationInterface {
  name = 'HouseholdRestrictionsAndPreferences1795500600000';

  // Owned by rebalancing, each under a household (ON DELETE CASCADE, so deleting an empty household
  // still works). Assets are referenced RESTRICT, as everywhere else; an account-level restriction
  // goes with its account.
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "household_location_penalties" ("household_id" uuid NOT NULL, "asset_class" character varying(50) NOT NULL, "account_type" character varying(12) NOT NULL, "penalty_per_dollar" numeric(7,6) NOT NULL, CONSTRAINT "CHK_household_location_penalties_account_type" CHECK ("account_type" IN ('TAXABLE', 'TAX_DEFERRED', 'TAX_EXEMPT')), CONSTRAINT "PK_2661df6e1859748b2bc37d5c8a8" PRIMARY KEY ("household_id", "asset_class", "account_type"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "household_restrictions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "asset_id" uuid NOT NULL, "account_id" uuid, "kind" character varying(11) NOT NULL, "reason" character varying(500) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_household_restrictions_kind" CHECK ("kind" IN ('DO_NOT_BUY', 'DO_NOT_SELL', 'HOLD')), CONSTRAINT "PK_fe9a5d2fe891fd99f1e45e067aa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_household_restrictions_account" ON "household_restrictions"  ("account_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_household_restrictions_account" ON "household_restrictions"  ("household_id", "asset_id", "account_id") WHERE "account_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_household_restrictions_household_wide" ON "household_restrictions"  ("household_id", "asset_id") WHERE "account_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "household_substitutes" ("household_id" uuid NOT NULL, "asset_id" uuid NOT NULL, "rank" smallint NOT NULL, "replacement_asset_id" uuid NOT NULL, CONSTRAINT "UQ_household_substitutes_replacement" UNIQUE ("household_id", "asset_id", "replacement_asset_id"), CONSTRAINT "CHK_household_substitutes_not_itself" CHECK ("replacement_asset_id" <> "asset_id"), CONSTRAINT "PK_3ad92ec82214c45989efd9a5ad6" PRIMARY KEY ("household_id", "asset_id", "rank"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_location_penalties" ADD CONSTRAINT "FK_a19da328698b20bdac41b876178" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_restrictions" ADD CONSTRAINT "FK_55fff65f29675286479ef954565" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_restrictions" ADD CONSTRAINT "FK_9dfa6ef93384928d1e6b02cf7a9" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_restrictions" ADD CONSTRAINT "FK_0aaa25dc9d944a0d6c5536e1b73" FOREIGN KEY ("account_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_substitutes" ADD CONSTRAINT "FK_dbcb78f392ba7c6efdb78e758f1" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_substitutes" ADD CONSTRAINT "FK_8d6d4690b885c00a0170e8554ed" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_substitutes" ADD CONSTRAINT "FK_6c76cb058869eb639630845bb5d" FOREIGN KEY ("replacement_asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "household_substitutes" DROP CONSTRAINT "FK_6c76cb058869eb639630845bb5d"`);
    await queryRunner.query(`ALTER TABLE "household_substitutes" DROP CONSTRAINT "FK_8d6d4690b885c00a0170e8554ed"`);
    await queryRunner.query(`ALTER TABLE "household_substitutes" DROP CONSTRAINT "FK_dbcb78f392ba7c6efdb78e758f1"`);
    await queryRunner.query(`ALTER TABLE "household_restrictions" DROP CONSTRAINT "FK_0aaa25dc9d944a0d6c5536e1b73"`);
    await queryRunner.query(`ALTER TABLE "household_restrictions" DROP CONSTRAINT "FK_9dfa6ef93384928d1e6b02cf7a9"`);
    await queryRunner.query(`ALTER TABLE "household_restrictions" DROP CONSTRAINT "FK_55fff65f29675286479ef954565"`);
    await queryRunner.query(`ALTER TABLE "household_location_penalties" DROP CONSTRAINT "FK_a19da328698b20bdac41b876178"`);
    await queryRunner.query(`DROP TABLE "household_substitutes"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_household_restrictions_household_wide"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_household_restrictions_account"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_household_restrictions_account"`);
    await queryRunner.query(`DROP TABLE "household_restrictions"`);
    await queryRunner.query(`DROP TABLE "household_location_penalties"`);
  }
}
