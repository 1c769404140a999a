import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KeysetIndexesForEveryList1795496883953 implements MigrationInterface {
  name = 'KeysetIndexesForEveryList1795496883953';

  // Every list pages by a unique key in its own order; each index serves one such order and covers the prefix index it replaces.
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_a3baee01d8408cd3c0f89a9a97"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_70b706a9c4c5fd9b153a543634"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fcfac22b0125bef6951a06bbb7"`);
    await queryRunner.query(`CREATE INDEX "IDX_9af8f792ccca6e48c49eae895a" ON "api_keys"  ("user_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_34074d644c69827eee6c161df9" ON "realized_gains"  ("portfolio_id", "disposed_at", "sell_transaction_id", "acquired_at", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_e6d4008e235a3fc7b72bbd539d" ON "tax_lots"  ("portfolio_id", "acquired_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_6c2dd92a84a8ce7af712db4c21" ON "portfolio_drifts"  ("portfolio_id", "calculated_at", "asset_type", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_6c2dd92a84a8ce7af712db4c21"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e6d4008e235a3fc7b72bbd539d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_34074d644c69827eee6c161df9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9af8f792ccca6e48c49eae895a"`);
    await queryRunner.query(`CREATE INDEX "IDX_fcfac22b0125bef6951a06bbb7" ON "portfolio_drifts" USING btree ("portfolio_id", "calculated_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_70b706a9c4c5fd9b153a543634" ON "realized_gains" USING btree ("portfolio_id", "disposed_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_a3baee01d8408cd3c0f89a9a97" ON "api_keys" USING btree ("user_id") `);
  }
}
