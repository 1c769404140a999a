import 'reflect-metadata';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { schemaDiff } from '../src/database/schema-diff';
import { migrations } from '../migrations';
import { createTestDatabase, type TestDatabase } from './support/test-database';

@Entity('unmigrated_probe')
class UnmigratedProbe {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('numeric', { precision: 20, scale: 8 })
  amount: string;
}

describe('entities and migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(buildDataSourceOptions({ url: database.url }));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('agree: after every migration, TypeORM finds nothing to change', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    expect(await schemaDiff(dataSource)).toEqual({ up: [], down: [] });
  });

  it('revert all the way down and run up again to the same schema', async () => {
    for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await dataSource.query('SELECT count(*)::int AS n FROM migrations')).toEqual([{ n: 0 }]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => new m().name));
    expect(await schemaDiff(dataSource)).toEqual({ up: [], down: [] });
  });

  it('would notice an entity that has no migration', async () => {
    const withProbe = new DataSource({ ...buildDataSourceOptions({ url: database.url }), entities: [UnmigratedProbe] });
    await withProbe.initialize();
    try {
      const diff = await schemaDiff(withProbe);
      expect(diff.up.join('\n')).toContain('CREATE TABLE "unmigrated_probe"');
    } finally {
      await withProbe.destroy();
    }
  });

  it('never synchronizes the schema from the entities', () => {
    expect(dataSource.options.synchronize).toBe(false);
  });
});
