import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTargetsAndDriftHistory1795489338473 implements MigrationInterface {
  name = 'CreateTargetsAndDriftHistory1795489338473';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "portfolio_drifts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "portfolio_id" uuid NOT NULL, "calculated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "asset_type" character varying(50) NOT NULL, "current_value" numeric NOT NULL, "current_percentage" numeric NOT NULL, "target_percentage" numeric NOT NULL, "tolerance_percentage" numeric NOT NULL, "drift_percentage" numeric NOT NULL, "drift_level" character varying(16) NOT NULL, CONSTRAINT "PK_6f8b98a315d027be98732234a39" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_fcfac22b0125bef6951a06bbb7" ON "portfolio_drifts"  ("portfolio_id", "calculated_at") `);
    await queryRunner.query(
      `CREATE TABLE "target_allocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "portfolio_id" uuid NOT NULL, "asset_type" character varying(50) NOT NULL, "target_percentage" numeric(5,2) NOT NULL, "tolerance_percentage" numeric(5,2) NOT NULL, "relative_tolerance_percentage" numeric(5,2), "preferred_asset_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_target_allocations_portfolio_asset_type" UNIQUE ("portfolio_id", "asset_type"), CONSTRAINT "PK_16912a9cf6c955dab6f3aa619db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "portfolio_drifts" ADD CONSTRAINT "FK_5a8ca8e67b56d9cb52267bc7c85" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "target_allocations" ADD CONSTRAINT "FK_2a94cb58d4a48be3f3f4be5c07e" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "target_allocations" ADD CONSTRAINT "FK_955016151b83c8b238a6ad156b0" FOREIGN KEY ("preferred_asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "target_allocations" DROP CONSTRAINT "FK_955016151b83c8b238a6ad156b0"`);
    await queryRunner.query(`ALTER TABLE "target_allocations" DROP CONSTRAINT "FK_2a94cb58d4a48be3f3f4be5c07e"`);
    await queryRunner.query(`ALTER TABLE "portfolio_drifts" DROP CONSTRAINT "FK_5a8ca8e67b56d9cb52267bc7c85"`);
    await queryRunner.query(`DROP TABLE "target_allocations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fcfac22b0125bef6951a06bbb7"`);
    await queryRunner.query(`DROP TABLE "portfolio_drifts"`);
  }
}
