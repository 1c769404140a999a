import { withAdminClient } from '../../src/database/postgres-admin';
import { TEST_SERVER_URL_VAR, TEST_TEMPLATE_VAR } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env[TEST_SERVER_URL_VAR];
  const template = process.env[TEST_TEMPLATE_VAR];
  if (serverUrl && template) {
    await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${template}`));
  }
  await globalThis.stopTestPostgres?.();
}
