import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The household: the name every backfilled one gets, and the one created on demand for a v1 client. */
const DEFAULT_HOUSEHOLD_NAME = 'Default household';

/**
 * Households (the taxpayer) own the portfolios (now accounts with a tax type). Every user who has
 * portfolios gets one default household holding all of them, so the tax scope, and with it every
 * derived row, is what it was: one user, one taxpayer. Existing accounts are TAXABLE, as they were
 * treated; existing realized gains are taxable and lost nothing to a retirement account.
 */
export class Households1795500200000 implements MigrationInterface {
  name = 'Households1795500200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Rates in percent; 37 and 20 are the defaults tax-loss harvesting used before households (suggestions.service.ts).
    await queryRunner.query(
      `CREATE TABLE "households" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "external_id" character varying(100), "is_default" boolean NOT NULL DEFAULT false, "short_term_rate" numeric(7,4) NOT NULL DEFAULT '37', "long_term_rate" numeric(7,4) NOT NULL DEFAULT '20', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_households_user_external_id" UNIQUE ("user_id", "external_id"), CONSTRAINT "PK_2b1aef2640717132e9231aac756" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_households_user_default" ON "households"  ("user_id") WHERE "is_default"`);
    await queryRunner.query(`CREATE INDEX "IDX_15e00bc151d46b184a32db89a6" ON "households"  ("user_id", "created_at", "id") `);
    await queryRunner.query(
      `ALTER TABLE "households" ADD CONSTRAINT "FK_4a4f4dc89bf17d12a2c57ac8456" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Dated from the user's first portfolio: the household has held it since then.
    await queryRunner.query(
      `INSERT INTO "households" ("user_id", "name", "is_default", "created_at", "updated_at")
       SELECT "user_id", $1, true, min("created_at"), min("created_at") FROM "portfolios" GROUP BY "user_id"`,
      [DEFAULT_HOUSEHOLD_NAME],
    );
    await queryRunner.query(`ALTER TABLE "portfolios" ADD "household_id" uuid`);
    await queryRunner.query(`UPDATE "portfolios" p SET "household_id" = h."id" FROM "households" h WHERE h."user_id" = p."user_id" AND h."is_default"`);
    await queryRunner.query(`ALTER TABLE "portfolios" ALTER COLUMN "household_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "portfolios" ADD "account_type" character varying(12) NOT NULL DEFAULT 'TAXABLE'`);
    await queryRunner.query(`ALTER TABLE "portfolios" ADD "external_id" character varying(100)`);
    await queryRunner.query(`CREATE INDEX "IDX_portfolios_household" ON "portfolios"  ("household_id") `);
    await queryRunner.query(
      `ALTER TABLE "portfolios" ADD CONSTRAINT "CHK_portfolios_account_type" CHECK ("account_type" IN ('TAXABLE', 'TAX_DEFERRED', 'TAX_EXEMPT'))`,
    );
    await queryRunner.query(`ALTER TABLE "portfolios" ADD CONSTRAINT "UQ_portfolios_user_external_id" UNIQUE ("user_id", "external_id")`);
    // NO ACTION, not RESTRICT: deleting a user cascades to households and portfolios alike, and the
    // check waits for the end of that statement; deleting a household that still has accounts fails.
    await queryRunner.query(
      `ALTER TABLE "portfolios" ADD CONSTRAINT "FK_0549af1869f837f7f1d75c76a94" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "realized_gains" ADD "wash_sale_lost_for_good" numeric NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "realized_gains" ADD "taxable" boolean NOT NULL DEFAULT true`);
  }

  // Every row that existed before up() is kept as it was; what only households can express
  // (several per user, account types, external ids, non-taxable gains) has no column to go back to.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "realized_gains" DROP COLUMN "taxable"`);
    await queryRunner.query(`ALTER TABLE "realized_gains" DROP COLUMN "wash_sale_lost_for_good"`);
    await queryRunner.query(`ALTER TABLE "portfolios" DROP CONSTRAINT "FK_0549af1869f837f7f1d75c76a94"`);
    await queryRunner.query(`ALTER TABLE "portfolios" DROP CONSTRAINT "UQ_portfolios_user_external_id"`);
    await queryRunner.query(`ALTER TABLE "portfolios" DROP CONSTRAINT "CHK_portfolios_account_type"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_portfolios_household"`);
    await queryRunner.query(`ALTER TABLE "portfolios" DROP COLUMN "external_id"`);
    await queryRunner.query(`ALTER TABLE "portfolios" DROP COLUMN "account_type"`);
    await queryRunner.query(`ALTER TABLE "portfolios" DROP COLUMN "household_id"`);
    await queryRunner.query(`ALTER TABLE "households" DROP CONSTRAINT "FK_4a4f4dc89bf17d12a2c57ac8456"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_15e00bc151d46b184a32db89a6"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_households_user_default"`);
    await queryRunner.query(`DROP TABLE "households"`);
  }
}
