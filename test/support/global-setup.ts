import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { withAdminClient, withDatabase } from '../../src/database/postgres-admin';
import { TEST_EMBEDDED_DIR, TEST_EMBEDDED_PORT, TEST_SERVER_URL_VAR, TEST_TEMPLATE_VAR } from './test-env';

declare global {
  var stopTestPostgres: (() => Promise<void>) | undefined;
}

/**
 * Starts PostgreSQL for the run (embedded unless DATABASE_URL is set) and
 * builds one migrated template database; each test file clones it.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: TEST_EMBEDDED_DIR, port: TEST_EMBEDDED_PORT });
    serverUrl = embedded.url;
    globalThis.stopTestPostgres = embedded.stop;
  }
  const template = `rebalance_template_${process.pid}`;
  await withAdminClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${template}`);
    await client.query(`CREATE DATABASE ${template}`);
  });
  // The template must have no open connection while it is cloned: destroy before handing it out.
  const dataSource = new DataSource(buildDataSourceOptions({ url: withDatabase(serverUrl, template) }));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  process.env[TEST_SERVER_URL_VAR] = serverUrl;
  process.env[TEST_TEMPLATE_VAR] = template;
}
