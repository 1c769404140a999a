import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAssetsAndPrices1795487094622 implements MigrationInterface {
  name = 'CreateAssetsAndPrices1795487094622';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "symbol" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "asset_type" character varying(50) NOT NULL, "currency" character(3) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_9b4bd5b9c6fe49cd3b4342fb914" UNIQUE ("symbol"), CONSTRAINT "PK_da96729a8b113377cfb6a62439c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_eaa6c65fe7cf634aa3d80f317d" ON "assets"  ("asset_type") `);
    await queryRunner.query(
      `CREATE TABLE "asset_prices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "asset_id" uuid NOT NULL, "price" numeric(20,8) NOT NULL, "as_of" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_asset_prices_asset_as_of" UNIQUE ("asset_id", "as_of"), CONSTRAINT "PK_86982518bff41e3f51974a444cd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "asset_prices" ADD CONSTRAINT "FK_5fa729bf053c3810d2a0bbad00d" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "asset_prices" DROP CONSTRAINT "FK_5fa729bf053c3810d2a0bbad00d"`);
    await queryRunner.query(`DROP TABLE "asset_prices"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_eaa6c65fe7cf634aa3d80f317d"`);
    await queryRunner.query(`DROP TABLE "assets"`);
  }
}
