import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AssetClassWeights1795500300000 implements MigrationInterface {
  name = 'AssetClassWeights1795500300000';

  // A child table rather than a jsonb column: the drift scan's SQL joins it to split a fund's value by class.
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "asset_class_weights" ("asset_id" uuid NOT NULL, "asset_type" character varying(50) NOT NULL, "percentage" numeric(7,4) NOT NULL, CONSTRAINT "PK_074ffa17353012f066a0684d82f" PRIMARY KEY ("asset_id", "asset_type"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "asset_class_weights" ADD CONSTRAINT "FK_b92946f1e7858892d8d97d88108" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "asset_class_weights" DROP CONSTRAINT "FK_b92946f1e7858892d8d97d88108"`);
    await queryRunner.query(`DROP TABLE "asset_class_weights"`);
  }
}
