import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ensureDatabase } from './postgres-admin';

export const EMBEDDED_DATABASE_NAME = 'rebalance';

export interface DatabaseServer {
  url: string;
  /** Stops the embedded server; nothing to do for an external one. */
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under ./.data, started here. */
export async function resolveDatabaseServer(config: AppConfig, onLog?: (message: string) => void): Promise<DatabaseServer> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres({ ...config.embeddedPostgres, onLog });
  try {
    return { url: await ensureDatabase(embedded.url, EMBEDDED_DATABASE_NAME), stop: embedded.stop };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
