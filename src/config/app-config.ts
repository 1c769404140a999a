import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogFormat = 'json' | 'pretty';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * The whole runtime configuration, read from the environment once at boot.
 * Nothing else in the code base reads process.env.
 */
export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  /** Null means: start the embedded PostgreSQL under embeddedPostgres.dataDir. */
  databaseUrl: string | null;
  embeddedPostgres: { dataDir: string; port: number };
  databaseConnectTimeoutMs: number;
  migrationsRun: boolean;
  logLevel: LogLevel;
  logFormat: LogFormat;
  corsOrigins: string[];
  bodyLimit: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalized)) return true;
  if (['false', '0', 'no'].includes(normalized)) return false;
  return value;
};

// Strings such as "3000abc" must fail rather than be read as 3000.
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

// class-validator runs a property's rules bottom-up and we stop at the first
// failure, so the type check sits closest to the property.
class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: NodeEnv = 'development';

  @IsString()
  @MinLength(1)
  HOST = '0.0.0.0';

  @Transform(toInteger)
  @Min(0)
  @Max(65535)
  @IsInt({ message: 'PORT must be an integer' })
  PORT: number = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
  })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  EMBEDDED_POSTGRES_DIR = '.data/postgres';

  @Transform(toInteger)
  @Min(1)
  @Max(65535)
  @IsInt({ message: 'EMBEDDED_POSTGRES_PORT must be an integer' })
  EMBEDDED_POSTGRES_PORT: number = 54329;

  @Transform(toInteger)
  @Min(100)
  @IsInt({ message: 'DATABASE_CONNECT_TIMEOUT_MS must be an integer' })
  DATABASE_CONNECT_TIMEOUT_MS: number = 5000;

  @Transform(toBoolean)
  @IsIn([true, false], { message: 'MIGRATIONS_RUN must be true or false' })
  MIGRATIONS_RUN: boolean = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: LogLevel = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: LogFormat;

  @IsString()
  CORS_ORIGINS = '';

  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT = '100kb';
}

/**
 * Validates the environment and returns the typed configuration, or throws a
 * ConfigError listing every bad variable (not only the first one).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.includes(key) && value !== undefined),
  );
  const vars = plainToInstance(EnvironmentVariables, relevant);
  const errors = validateSync(vars, { forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((error) => {
        const message = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
        const rule = message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message;
        return `${error.property}: ${rule} (got ${JSON.stringify(env[error.property])})`;
      }),
    );
  }
  return {
    nodeEnv: vars.NODE_ENV,
    host: vars.HOST,
    port: vars.PORT,
    databaseUrl: vars.DATABASE_URL ?? null,
    embeddedPostgres: { dataDir: vars.EMBEDDED_POSTGRES_DIR, port: vars.EMBEDDED_POSTGRES_PORT },
    databaseConnectTimeoutMs: vars.DATABASE_CONNECT_TIMEOUT_MS,
    migrationsRun: vars.MIGRATIONS_RUN,
    logLevel: vars.LOG_LEVEL,
    logFormat: vars.LOG_FORMAT ?? (vars.NODE_ENV === 'development' ? 'pretty' : 'json'),
    corsOrigins: vars.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0),
    bodyLimit: vars.BODY_LIMIT,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
