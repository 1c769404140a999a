import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { resolveDatabaseServer } from './database-server';
import { schemaDiff, type SchemaDiff } from './schema-diff';

const USAGE = 'usage: migration-cli <run | revert | show | check | generate <PascalCaseName>>';
const MIGRATIONS_DIR = resolve(__dirname, '../../../migrations');

function migrationSource(className: string, diff: SchemaDiff): string {
  const literal = (query: string) => '`' + query.replace(/[`\\]|\$\{/g, (match) => `\\${match}`) + '`';
  const lines = (queries: string[]) => queries.map((query) => `    await queryRunner.query(${literal(query)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(diff.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(diff.down)}
  }
}
`;
}

/** Writes the migration file and appends it to migrations/index.ts. */
function writeMigration(name: string, diff: SchemaDiff): string {
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const fileName = `${timestamp}-${name}`;
  writeFileSync(resolve(MIGRATIONS_DIR, `${fileName}.ts`), migrationSource(className, diff));
  const indexPath = resolve(MIGRATIONS_DIR, 'index.ts');
  const index = readFileSync(indexPath, 'utf8')
    .replace(/(import [^\n]+;\n)(?![\s\S]*import )/, `$1import { ${className} } from './${fileName}';\n`)
    .replace(/\];\s*$/, `, ${className}];\n`);
  writeFileSync(indexPath, index);
  return `migrations/${fileName}.ts`;
}

async function execute(command: string, argument: string | undefined, dataSource: DataSource): Promise<number> {
  switch (command) {
    case 'run': {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'no pending migrations');
      return 0;
    }
    case 'revert':
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
      return 0;
    case 'show': {
      const pending = await dataSource.showMigrations();
      console.log(pending ? 'there are pending migrations' : 'all migrations have run');
      return pending ? 1 : 0;
    }
    case 'check': {
      await dataSource.runMigrations({ transaction: 'each' });
      const diff = await schemaDiff(dataSource);
      if (diff.up.length === 0) {
        console.log('entities and migrations agree');
        return 0;
      }
      console.error(`entities and migrations disagree; missing:\n${diff.up.join('\n')}`);
      return 1;
    }
    case 'generate': {
      if (!argument || !/^[A-Z][A-Za-z0-9]*$/.test(argument)) {
        console.error(USAGE);
        return 2;
      }
      await dataSource.runMigrations({ transaction: 'each' });
      const diff = await schemaDiff(dataSource);
      if (diff.up.length === 0) {
        console.log('no schema changes: nothing generated');
        return 0;
      }
      console.log(`wrote ${writeMigration(argument, diff)}; read it, tidy it, then commit it`);
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

async function main(): Promise<void> {
  const [command, argument] = process.argv.slice(2);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
  const server = await resolveDatabaseServer(config);
  const dataSource = new DataSource(buildDataSourceOptions({ url: server.url }));
  let code = 1;
  try {
    await dataSource.initialize();
    code = await execute(command ?? '', argument, dataSource);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await server.stop();
  }
  process.exit(code);
}

void main();
