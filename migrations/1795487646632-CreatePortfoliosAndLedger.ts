import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePortfoliosAndLedger1795487646632 implements MigrationInterface {
  name = 'CreatePortfoliosAndLedger1795487646632';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "portfolios" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "base_currency" character(3) NOT NULL DEFAULT 'USD', "lot_method" character varying(11) NOT NULL DEFAULT 'FIFO', "cash" numeric NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_488aa6e9b219d1d9087126871ae" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0b9390325517b752425bc337a9" ON "portfolios"  ("user_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "positions" ("portfolio_id" uuid NOT NULL, "asset_id" uuid NOT NULL, "quantity" numeric NOT NULL, "cost_basis" numeric NOT NULL, CONSTRAINT "PK_f9746f2c62850ca93194011d1c3" PRIMARY KEY ("portfolio_id", "asset_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "transactions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sequence" BIGSERIAL NOT NULL, "portfolio_id" uuid NOT NULL, "type" character varying(11) NOT NULL, "executed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "amount" numeric(22,8), "asset_id" uuid, "quantity" numeric(20,8), "price" numeric(20,8), "fee" numeric(20,8), "cost_per_unit" numeric(20,8), "acquired_at" TIMESTAMP WITH TIME ZONE, "lots" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_388d8a018c093c66d2408a0ad48" UNIQUE ("sequence"), CONSTRAINT "PK_a219afd8dd77ed80f5a862f1db9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7713f3d7d9b80da52e397e5380" ON "transactions"  ("portfolio_id", "executed_at", "sequence") `);
    await queryRunner.query(
      `CREATE TABLE "realized_gains" ("id" uuid NOT NULL, "portfolio_id" uuid NOT NULL, "sell_transaction_id" uuid NOT NULL, "lot_id" uuid NOT NULL, "asset_id" uuid NOT NULL, "quantity" numeric NOT NULL, "proceeds" numeric NOT NULL, "cost_basis" numeric NOT NULL, "gain" numeric NOT NULL, "wash_sale_disallowed" numeric NOT NULL, "reportable_gain" numeric NOT NULL, "acquired_at" TIMESTAMP WITH TIME ZONE NOT NULL, "disposed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "term" character varying(5) NOT NULL, CONSTRAINT "PK_2eb82a42992c383d3d35401ef53" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_70b706a9c4c5fd9b153a543634" ON "realized_gains"  ("portfolio_id", "disposed_at") `);
    await queryRunner.query(
      `CREATE TABLE "tax_lots" ("id" uuid NOT NULL, "portfolio_id" uuid NOT NULL, "asset_id" uuid NOT NULL, "quantity" numeric NOT NULL, "cost_basis" numeric NOT NULL, "acquired_at" TIMESTAMP WITH TIME ZONE NOT NULL, "holding_period_start" TIMESTAMP WITH TIME ZONE NOT NULL, "wash_sale_adjustment" numeric NOT NULL, CONSTRAINT "PK_6b5a38e7f3a7fd4de2b04b39dc7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ffe0410e8b4684214a44e7ba2a" ON "tax_lots"  ("portfolio_id", "asset_id") `);
    await queryRunner.query(
      `ALTER TABLE "portfolios" ADD CONSTRAINT "FK_57fba72db5ac40768b40f0ecfa1" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "positions" ADD CONSTRAINT "FK_b33a787a18160c7f098da6e7737" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "positions" ADD CONSTRAINT "FK_b524d83318e95aade6a4490c965" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transactions" ADD CONSTRAINT "FK_6a323de73ef7d943df41a4fdd20" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transactions" ADD CONSTRAINT "FK_92904cc4ab661f087cbcb60f404" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realized_gains" ADD CONSTRAINT "FK_d215bf74de3384160cc9a303d66" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realized_gains" ADD CONSTRAINT "FK_40b8f7218fad6d101a44153b7b5" FOREIGN KEY ("sell_transaction_id") REFERENCES "transactions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "realized_gains" ADD CONSTRAINT "FK_73c3dceaf947851d16862cacffc" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tax_lots" ADD CONSTRAINT "FK_25558768279bb99a49484fd3756" FOREIGN KEY ("portfolio_id") REFERENCES "portfolios"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tax_lots" ADD CONSTRAINT "FK_8f0dee60037decd286166ecc625" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tax_lots" DROP CONSTRAINT "FK_8f0dee60037decd286166ecc625"`);
    await queryRunner.query(`ALTER TABLE "tax_lots" DROP CONSTRAINT "FK_25558768279bb99a49484fd3756"`);
    await queryRunner.query(`ALTER TABLE "realized_gains" DROP CONSTRAINT "FK_73c3dceaf947851d16862cacffc"`);
    await queryRunner.query(`ALTER TABLE "realized_gains" DROP CONSTRAINT "FK_40b8f7218fad6d101a44153b7b5"`);
    await queryRunner.query(`ALTER TABLE "realized_gains" DROP CONSTRAINT "FK_d215bf74de3384160cc9a303d66"`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "FK_92904cc4ab661f087cbcb60f404"`);
    await queryRunner.query(`ALTER TABLE "transactions" DROP CONSTRAINT "FK_6a323de73ef7d943df41a4fdd20"`);
    await queryRunner.query(`ALTER TABLE "positions" DROP CONSTRAINT "FK_b524d83318e95aade6a4490c965"`);
    await queryRunner.query(`ALTER TABLE "positions" DROP CONSTRAINT "FK_b33a787a18160c7f098da6e7737"`);
    await queryRunner.query(`ALTER TABLE "portfolios" DROP CONSTRAINT "FK_57fba72db5ac40768b40f0ecfa1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ffe0410e8b4684214a44e7ba2a"`);
    await queryRunner.query(`DROP TABLE "tax_lots"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_70b706a9c4c5fd9b153a543634"`);
    await queryRunner.query(`DROP TABLE "realized_gains"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7713f3d7d9b80da52e397e5380"`);
    await queryRunner.query(`DROP TABLE "transactions"`);
    await queryRunner.query(`DROP TABLE "positions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0b9390325517b752425bc337a9"`);
    await queryRunner.query(`DROP TABLE "portfolios"`);
  }
}
