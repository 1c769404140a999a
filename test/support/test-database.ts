import { randomBytes } from 'node:crypto';
import { withAdminClient, withDatabase } from '../../src/database/postgres-admin';
import { TEST_SERVER_URL_VAR, TEST_TEMPLATE_VAR } from './test-env';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (npm test), which sets it up`);
  return value;
}

/** A fresh database cloned from the migrated template, private to one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = required(TEST_SERVER_URL_VAR);
  const template = required(TEST_TEMPLATE_VAR);
  const name = `rebalance_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: () => withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
