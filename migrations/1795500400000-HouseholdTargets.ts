import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HouseholdTargets1795500400000 implements MigrationInterface {
  name = 'HouseholdTargets1795500400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "household_target_allocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "asset_type" character varying(50) NOT NULL, "target_percentage" numeric(5,2) NOT NULL, "tolerance_percentage" numeric(5,2) NOT NULL, "relative_tolerance_percentage" numeric(5,2), "preferred_asset_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_household_target_allocations_household_asset_type" UNIQUE ("household_id", "asset_type"), CONSTRAINT "PK_c7c8b18a770de273c8ecf4cb62d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_target_allocations" ADD CONSTRAINT "FK_ce8067ec4899d773ebecca6c57d" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_target_allocations" ADD CONSTRAINT "FK_518554c9f917df9caae11d80850" FOREIGN KEY ("preferred_asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "household_target_allocations" DROP CONSTRAINT "FK_518554c9f917df9caae11d80850"`);
    await queryRunner.query(`ALTER TABLE "household_target_allocations" DROP CONSTRAINT "FK_ce8067ec4899d773ebecca6c57d"`);
    await queryRunner.query(`DROP TABLE "household_target_allocations"`);
  }
}
