import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The drift monitor for household targets: their drift history (household_drifts), their alerts in
 * drift_alerts beside the portfolios' (portfolio_id becomes nullable, exactly one of the two is
 * set, so every existing row is a portfolio's alert as before), and the households a scan counts.
 */
export class HouseholdDriftMonitor1795500800000 implements MigrationInterface {
  name = 'HouseholdDriftMonitor1795500800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "household_drifts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "calculated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "asset_type" character varying(50) NOT NULL, "current_value" numeric NOT NULL, "current_percentage" numeric NOT NULL, "target_percentage" numeric NOT NULL, "tolerance_percentage" numeric NOT NULL, "drift_percentage" numeric NOT NULL, "drift_level" character varying(16) NOT NULL, CONSTRAINT "PK_7764c0257cabae8defb4bbc4332" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_186fc2fc2891f20269aae236bc" ON "household_drifts" ("household_id", "calculated_at", "asset_type", "id")`);
    await queryRunner.query(
      `ALTER TABLE "household_drifts" ADD CONSTRAINT "FK_e6b9fbc1b89ae3b472b0ab1c4df" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`ALTER TABLE "drift_alerts" ADD "household_id" uuid`);
    await queryRunner.query(`ALTER TABLE "drift_alerts" ALTER COLUMN "portfolio_id" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD CONSTRAINT "CHK_drift_alerts_portfolio_or_household" CHECK (("portfolio_id" IS NULL) <> ("household_id" IS NULL))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_drift_alerts_one_open_per_household" ON "drift_alerts" ("household_id") WHERE "status" <> 'RESOLVED'`);
    await queryRunner.query(`CREATE INDEX "IDX_a2cd5b3ef3a2629daa47825a35" ON "drift_alerts" ("household_id", "opened_at", "id")`);
    await queryRunner.query(
      `ALTER TABLE "drift_alerts" ADD CONSTRAINT "FK_e3a5dbff10cb4848afb244266c7" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`ALTER TABLE "drift_scans" ADD "household_count" integer NOT NULL DEFAULT '0'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "drift_scans" DROP COLUMN "household_count"`);
    // Household alerts have no portfolio to fall back to: they go with the column.
    await queryRunner.query(`DELETE FROM "drift_alerts" WHERE "household_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "drift_alerts" DROP CONSTRAINT "FK_e3a5dbff10cb4848afb244266c7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a2cd5b3ef3a2629daa47825a35"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_drift_alerts_one_open_per_household"`);
    await queryRunner.query(`ALTER TABLE "drift_alerts" DROP CONSTRAINT "CHK_drift_alerts_portfolio_or_household"`);
    await queryRunner.query(`ALTER TABLE "drift_alerts" ALTER COLUMN "portfolio_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "drift_alerts" DROP COLUMN "household_id"`);
    await queryRunner.query(`ALTER TABLE "household_drifts" DROP CONSTRAINT "FK_e6b9fbc1b89ae3b472b0ab1c4df"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_186fc2fc2891f20269aae236bc"`);
    await queryRunner.query(`DROP TABLE "household_drifts"`);
  }
}
