import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';

export interface DataSourceSettings {
  url: string;
  connectTimeoutMs?: number;
  migrationsRun?: boolean;
}

/** The one description of the schema source: used by the app, the migration CLI and the tests. */
export function buildDataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities,
    migrations,
    migrationsRun: settings.migrationsRun ?? false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    connectTimeoutMS: settings.connectTimeoutMs ?? 5000,
  };
}
