import { plainToInstance, Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { availableParallelism } from 'node:os';

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
  http: {
    /** A request (headers and body) not fully received by then gets 408 and its connection closed. */
    requestTimeoutMs: number;
    /** Likewise for the headers alone; at most requestTimeoutMs. */
    headersTimeoutMs: number;
    /** Connections held open at once; more are refused. */
    maxConnections: number;
    /** After SIGTERM: time for in-flight requests to finish before their connections are cut. */
    shutdownGraceMs: number;
  };
  auth: {
    jwtSecret: string;
    jwtExpiresInSeconds: number;
    /**
     * The admin the operator configures: created at start-up when the email is free; an existing
     * admin keeps its password unless resetPassword; an existing non-admin stops the start.
     */
    admin: { email: string; password: string; resetPassword: boolean } | null;
    /** Requests per window on login and register, per client IP and per email. */
    throttleLimit: number;
    throttleWindowSeconds: number;
    /** Requests with missing or wrong credentials per client address and minute, before 429. */
    failuresPerMinute: number;
  };
  /** Authenticated requests per minute, counted in PostgreSQL so the limit holds across instances. */
  rateLimit: { perUserPerMinute: number; perApiKeyPerMinute: number; flushMs: number };
  /** A price older than this many days is flagged stale wherever it is shown. */
  priceStaleDays: number;
  jobs: {
    /** Whether this instance runs job workers and the schedule; every instance can enqueue. */
    workers: boolean;
    pollingIntervalSeconds: number;
    /** A job running longer is taken to have died with its instance and is retried elsewhere. */
    expireSeconds: number;
    maintenanceIntervalSeconds: number;
  };
  driftScan: {
    /** Divides 60 or is a whole number of hours that divides 24, so the cron schedule is regular. */
    intervalMinutes: number;
    batchSize: number;
    /** Batches one instance evaluates at once. */
    concurrency: number;
  };
  /** Household plans: MILP solves on worker threads (src/rebalancing/solver/solver-pool.ts). */
  solver: {
    /** Solves running at once, one worker thread each. */
    concurrency: number;
    /** Solves waiting for a worker; one more is refused with SOLVER_BUSY (503 and Retry-After). */
    queueLimit: number;
    /** A solve returns the best plan found by then, with its gap. */
    timeLimitMs: number;
  };
  webhooks: {
    /** Allows http and loopback or private targets: for local testing only. */
    allowPrivate: boolean;
    timeoutMs: number;
    retryLimit: number;
    retryDelaySeconds: number;
  };
}

// Only development and test may run without a secret of their own; this one is public.
const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-never-use-in-production';
const MIN_JWT_SECRET_LENGTH = 32;

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
const toInteger = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);

const emptyToUndefined = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

// class-validator runs a property's rules bottom-up and we stop at the first
// failure, so the type check sits closest to the property.
const SCAN_INTERVALS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440];

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

  @Transform(toInteger)
  @Min(1000)
  @Max(600_000)
  @IsInt({ message: 'HTTP_REQUEST_TIMEOUT_MS must be an integer' })
  HTTP_REQUEST_TIMEOUT_MS: number = 30_000;

  @Transform(toInteger)
  @Min(1000)
  @Max(600_000)
  @IsInt({ message: 'HTTP_HEADERS_TIMEOUT_MS must be an integer' })
  HTTP_HEADERS_TIMEOUT_MS: number = 10_000;

  @Transform(toInteger)
  @Min(1)
  @Max(1_000_000)
  @IsInt({ message: 'HTTP_MAX_CONNECTIONS must be an integer' })
  HTTP_MAX_CONNECTIONS: number = 1000;

  @Transform(toInteger)
  @Min(0)
  @Max(600_000)
  @IsInt({ message: 'SHUTDOWN_GRACE_MS must be an integer' })
  SHUTDOWN_GRACE_MS: number = 10_000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  JWT_SECRET?: string;

  @Transform(toInteger)
  @Min(60)
  @Max(86_400)
  @IsInt({ message: 'JWT_EXPIRES_IN_SECONDS must be an integer' })
  JWT_EXPIRES_IN_SECONDS: number = 3600;

  @Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined))
  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @Transform(toBoolean)
  @IsIn([true, false], { message: 'ADMIN_PASSWORD_RESET must be true or false' })
  ADMIN_PASSWORD_RESET: boolean = false;

  @Transform(toInteger)
  @Min(1)
  @IsInt({ message: 'AUTH_THROTTLE_LIMIT must be an integer' })
  AUTH_THROTTLE_LIMIT: number = 10;

  @Transform(toInteger)
  @Min(1)
  @IsInt({ message: 'AUTH_THROTTLE_WINDOW_SECONDS must be an integer' })
  AUTH_THROTTLE_WINDOW_SECONDS: number = 60;

  @Transform(toInteger)
  @Min(1)
  @IsInt({ message: 'AUTH_FAILURES_PER_MINUTE must be an integer' })
  AUTH_FAILURES_PER_MINUTE: number = 30;

  @Transform(toInteger)
  @Min(1)
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be an integer' })
  RATE_LIMIT_PER_MINUTE: number = 600;

  @Transform(toInteger)
  @Min(1)
  @IsInt({ message: 'RATE_LIMIT_API_KEY_PER_MINUTE must be an integer' })
  RATE_LIMIT_API_KEY_PER_MINUTE: number = 600;

  @Transform(toInteger)
  @Min(10)
  @Max(10_000)
  @IsInt({ message: 'RATE_LIMIT_FLUSH_MS must be an integer' })
  RATE_LIMIT_FLUSH_MS: number = 100;

  @Transform(toInteger)
  @Min(1)
  @Max(3650)
  @IsInt({ message: 'PRICE_STALE_DAYS must be an integer' })
  PRICE_STALE_DAYS: number = 3;

  @Transform(toBoolean)
  @IsIn([true, false], { message: 'JOB_WORKERS must be true or false' })
  JOB_WORKERS: boolean = true;

  @Transform(({ value }) => (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value))
  @Min(0.5)
  @Max(60)
  @IsNumber({}, { message: 'JOB_POLLING_INTERVAL_SECONDS must be a number' })
  JOB_POLLING_INTERVAL_SECONDS: number = 2;

  @Transform(toInteger)
  @Min(1)
  @Max(86_399)
  @IsInt({ message: 'JOB_EXPIRE_SECONDS must be an integer' })
  JOB_EXPIRE_SECONDS: number = 600;

  @Transform(toInteger)
  @Min(1)
  @Max(3600)
  @IsInt({ message: 'JOB_MAINTENANCE_INTERVAL_SECONDS must be an integer' })
  JOB_MAINTENANCE_INTERVAL_SECONDS: number = 60;

  @Transform(toInteger)
  @IsIn(SCAN_INTERVALS, { message: `DRIFT_SCAN_INTERVAL_MINUTES must divide 60, or be whole hours dividing 24 (${SCAN_INTERVALS.join(', ')})` })
  DRIFT_SCAN_INTERVAL_MINUTES: number = 15;

  @Transform(toInteger)
  @Min(1)
  @Max(10_000)
  @IsInt({ message: 'DRIFT_SCAN_BATCH_SIZE must be an integer' })
  DRIFT_SCAN_BATCH_SIZE: number = 500;

  // A batch alternates between waiting on PostgreSQL and computing here; four in flight per
  // instance kept both busy on two cores, where two left the scan at half speed.
  @Transform(toInteger)
  @Min(1)
  @Max(64)
  @IsInt({ message: 'DRIFT_SCAN_CONCURRENCY must be an integer' })
  DRIFT_SCAN_CONCURRENCY: number = 4;

  // A solve keeps one core busy for up to its time limit; one core is left for the event loop,
  // PostgreSQL's client and the drift scan.
  @Transform(toInteger)
  @Min(1)
  @Max(64)
  @IsInt({ message: 'SOLVER_CONCURRENCY must be an integer' })
  SOLVER_CONCURRENCY: number = Math.max(1, availableParallelism() - 1);

  // At the defaults on two cores a queued request waits at most (8 + 1) × 2 s = 18 s for its plan,
  // within any client timeout worth having; beyond that a 503 with Retry-After is the honest answer.
  @Transform(toInteger)
  @Min(0)
  @Max(10_000)
  @IsInt({ message: 'SOLVER_QUEUE_LIMIT must be an integer' })
  SOLVER_QUEUE_LIMIT: number = 8;

  @Transform(toInteger)
  @Min(100)
  @Max(600_000)
  @IsInt({ message: 'SOLVER_TIME_LIMIT_MS must be an integer' })
  SOLVER_TIME_LIMIT_MS: number = 2000;

  @Transform(toBoolean)
  @IsIn([true, false], { message: 'WEBHOOK_ALLOW_PRIVATE must be true or false' })
  WEBHOOK_ALLOW_PRIVATE: boolean = false;

  @Transform(toInteger)
  @Min(100)
  @Max(60_000)
  @IsInt({ message: 'WEBHOOK_TIMEOUT_MS must be an integer' })
  WEBHOOK_TIMEOUT_MS: number = 10_000;

  @Transform(toInteger)
  @Min(0)
  @Max(50)
  @IsInt({ message: 'WEBHOOK_RETRY_LIMIT must be an integer' })
  WEBHOOK_RETRY_LIMIT: number = 12;

  @Transform(toInteger)
  @Min(1)
  @Max(3600)
  @IsInt({ message: 'WEBHOOK_RETRY_DELAY_SECONDS must be an integer' })
  WEBHOOK_RETRY_DELAY_SECONDS: number = 30;
}

/** Rules that span variables, checked after each variable is valid on its own. */
function crossFieldProblems(vars: EnvironmentVariables): string[] {
  const problems: string[] = [];
  const secret = vars.JWT_SECRET;
  if (vars.NODE_ENV === 'production' && (secret === undefined || secret.length < MIN_JWT_SECRET_LENGTH)) {
    problems.push(
      `JWT_SECRET: must be set to at least ${MIN_JWT_SECRET_LENGTH} characters in production (got ${secret === undefined ? 'nothing' : `${secret.length} characters`})`,
    );
  } else if (secret !== undefined && secret.length < MIN_JWT_SECRET_LENGTH) {
    problems.push(`JWT_SECRET: must be at least ${MIN_JWT_SECRET_LENGTH} characters (got ${secret.length})`);
  }
  if (vars.HTTP_HEADERS_TIMEOUT_MS > vars.HTTP_REQUEST_TIMEOUT_MS) {
    problems.push(`HTTP_HEADERS_TIMEOUT_MS: must be at most HTTP_REQUEST_TIMEOUT_MS (${vars.HTTP_REQUEST_TIMEOUT_MS})`);
  }
  if ((vars.ADMIN_EMAIL === undefined) !== (vars.ADMIN_PASSWORD === undefined)) {
    problems.push('ADMIN_EMAIL, ADMIN_PASSWORD: set both or neither');
  } else if (vars.ADMIN_PASSWORD_RESET && vars.ADMIN_EMAIL === undefined) {
    problems.push('ADMIN_PASSWORD_RESET: needs ADMIN_EMAIL and ADMIN_PASSWORD (the password to set)');
  }
  return problems;
}

/**
 * Validates the environment and returns the typed configuration, or throws a
 * ConfigError listing every bad variable (not only the first one).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const relevant = Object.fromEntries(Object.entries(env).filter(([key, value]) => known.includes(key) && value !== undefined));
  const vars = plainToInstance(EnvironmentVariables, relevant);
  const errors = validateSync(vars, { forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((error) => {
        const message = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
        const rule = message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message;
        // Secrets are never echoed back.
        const got = /SECRET|PASSWORD/.test(error.property) ? 'a hidden value' : JSON.stringify(env[error.property]);
        return `${error.property}: ${rule} (got ${got})`;
      }),
    );
  }
  const problems = crossFieldProblems(vars);
  if (problems.length > 0) throw new ConfigError(problems);
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
    http: {
      requestTimeoutMs: vars.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: vars.HTTP_HEADERS_TIMEOUT_MS,
      maxConnections: vars.HTTP_MAX_CONNECTIONS,
      shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
    },
    auth: {
      jwtSecret: vars.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      jwtExpiresInSeconds: vars.JWT_EXPIRES_IN_SECONDS,
      admin:
        vars.ADMIN_EMAIL && vars.ADMIN_PASSWORD ? { email: vars.ADMIN_EMAIL, password: vars.ADMIN_PASSWORD, resetPassword: vars.ADMIN_PASSWORD_RESET } : null,
      throttleLimit: vars.AUTH_THROTTLE_LIMIT,
      throttleWindowSeconds: vars.AUTH_THROTTLE_WINDOW_SECONDS,
      failuresPerMinute: vars.AUTH_FAILURES_PER_MINUTE,
    },
    rateLimit: { perUserPerMinute: vars.RATE_LIMIT_PER_MINUTE, perApiKeyPerMinute: vars.RATE_LIMIT_API_KEY_PER_MINUTE, flushMs: vars.RATE_LIMIT_FLUSH_MS },
    priceStaleDays: vars.PRICE_STALE_DAYS,
    jobs: {
      workers: vars.JOB_WORKERS,
      pollingIntervalSeconds: vars.JOB_POLLING_INTERVAL_SECONDS,
      expireSeconds: vars.JOB_EXPIRE_SECONDS,
      maintenanceIntervalSeconds: vars.JOB_MAINTENANCE_INTERVAL_SECONDS,
    },
    driftScan: { intervalMinutes: vars.DRIFT_SCAN_INTERVAL_MINUTES, batchSize: vars.DRIFT_SCAN_BATCH_SIZE, concurrency: vars.DRIFT_SCAN_CONCURRENCY },
    solver: { concurrency: vars.SOLVER_CONCURRENCY, queueLimit: vars.SOLVER_QUEUE_LIMIT, timeLimitMs: vars.SOLVER_TIME_LIMIT_MS },
    webhooks: {
      allowPrivate: vars.WEBHOOK_ALLOW_PRIVATE,
      timeoutMs: vars.WEBHOOK_TIMEOUT_MS,
      retryLimit: vars.WEBHOOK_RETRY_LIMIT,
      retryDelaySeconds: vars.WEBHOOK_RETRY_DELAY_SECONDS,
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
