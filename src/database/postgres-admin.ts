import { Client } from 'pg';

/** Returns the same connection URL pointing at another database on that server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs fn with a short-lived client on the server's maintenance database. */
export async function withAdminClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(client: Client, name: string): Promise<boolean> {
  const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return result.rowCount === 1;
}

/** Creates the database unless it exists; returns the URL to reach it. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  await withAdminClient(serverUrl, async (client) => {
    if (!(await databaseExists(client, name))) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    }
  });
  return withDatabase(serverUrl, name);
}
