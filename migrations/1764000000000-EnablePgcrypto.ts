import type { MigrationInterface, QueryRunner } from 'typeorm';

// UUID primary keys default to gen_random_uuid(); the extension is created
// here rather than at connect time so the app needs no superuser rights.
export class EnablePgcrypto1764000000000 implements MigrationInterface {
  name = 'EnablePgcrypto1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS "pgcrypto"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS "pgcrypto"');
  }
}
