import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UntargetedTolerance1795500000000 implements MigrationInterface {
  name = 'UntargetedTolerance1795500000000';

  // Existing portfolios take the new default too: a band of 0 for untargeted holdings is what this replaces.
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "portfolios" ADD "untargeted_tolerance_percentage" numeric(5,2) NOT NULL DEFAULT '2'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "portfolios" DROP COLUMN "untargeted_tolerance_percentage"`);
  }
}
