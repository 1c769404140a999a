import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      nodeEnv: 'development',
      host: '0.0.0.0',
      port: 3000,
      databaseUrl: null,
      embeddedPostgres: { dataDir: '.data/postgres', port: 54329 },
      databaseConnectTimeoutMs: 5000,
      migrationsRun: true,
      logLevel: 'info',
      logFormat: 'pretty',
      corsOrigins: [],
      bodyLimit: '100kb',
      http: { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, maxConnections: 1000, shutdownGraceMs: 10_000 },
      auth: {
        jwtSecret: 'development-only-jwt-secret-never-use-in-production',
        jwtExpiresInSeconds: 3600,
        admin: null,
        throttleLimit: 10,
        throttleWindowSeconds: 60,
        failuresPerMinute: 30,
      },
      rateLimit: { perUserPerMinute: 600, perApiKeyPerMinute: 600, flushMs: 100 },
      priceStaleDays: 3,
      jobs: { workers: true, pollingIntervalSeconds: 2, expireSeconds: 600, maintenanceIntervalSeconds: 60 },
      driftScan: { intervalMinutes: 15, batchSize: 500, concurrency: 4 },
      solver: { concurrency: Math.max(1, availableParallelism() - 1), queueLimit: 8, timeLimitMs: 2000 },
      webhooks: { allowPrivate: false, timeoutMs: 10_000, retryLimit: 12, retryDelaySeconds: 30 },
    });
  });

  it('takes only scan intervals that keep a regular cron schedule', () => {
    expect(loadConfig({ DRIFT_SCAN_INTERVAL_MINUTES: '5' }).driftScan.intervalMinutes).toBe(5);
    expect(loadConfig({ DRIFT_SCAN_INTERVAL_MINUTES: '120' }).driftScan.intervalMinutes).toBe(120);
    expect(() => loadConfig({ DRIFT_SCAN_INTERVAL_MINUTES: '7' })).toThrow('DRIFT_SCAN_INTERVAL_MINUTES: must divide 60, or be whole hours dividing 24');
    expect(() => loadConfig({ JOB_POLLING_INTERVAL_SECONDS: '0.1' })).toThrow('JOB_POLLING_INTERVAL_SECONDS');
    expect(loadConfig({ JOB_POLLING_INTERVAL_SECONDS: '0.5', WEBHOOK_ALLOW_PRIVATE: 'true' })).toMatchObject({
      jobs: { pollingIntervalSeconds: 0.5 },
      webhooks: { allowPrivate: true },
    });
  });

  it('bounds the household solver: at least one worker, a queue that may be empty, a time limit of at least 100 ms', () => {
    expect(loadConfig({ SOLVER_CONCURRENCY: '3', SOLVER_QUEUE_LIMIT: '0', SOLVER_TIME_LIMIT_MS: '500' }).solver).toEqual({
      concurrency: 3,
      queueLimit: 0,
      timeLimitMs: 500,
    });
    expect(() => loadConfig({ SOLVER_CONCURRENCY: '0' })).toThrow('SOLVER_CONCURRENCY: must not be less than 1');
    expect(() => loadConfig({ SOLVER_TIME_LIMIT_MS: '50' })).toThrow('SOLVER_TIME_LIMIT_MS: must not be less than 100');
    expect(() => loadConfig({ SOLVER_QUEUE_LIMIT: 'many' })).toThrow('SOLVER_QUEUE_LIMIT: must be an integer');
  });

  it('refuses production without a JWT secret, or with a short one, without echoing it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('JWT_SECRET: must be set to at least 32 characters in production (got nothing)');
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short-secret' })).toThrow('(got 12 characters)');
    expect(() => loadConfig({ NODE_ENV: 'development', JWT_SECRET: 'short-secret' })).toThrow('JWT_SECRET: must be at least 32 characters (got 12)');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).auth.jwtSecret).toBe('x'.repeat(32));
  });

  it('takes the first admin from ADMIN_EMAIL and ADMIN_PASSWORD, both or neither', () => {
    expect(loadConfig({ ADMIN_EMAIL: ' Ops@Example.com ', ADMIN_PASSWORD: 'correct horse battery' }).auth.admin).toEqual({
      email: 'ops@example.com',
      password: 'correct horse battery',
      resetPassword: false,
    });
    expect(() => loadConfig({ ADMIN_EMAIL: 'ops@example.com' })).toThrow('ADMIN_EMAIL, ADMIN_PASSWORD: set both or neither');
    expect(() => loadConfig({ ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'short' })).toThrow(
      'ADMIN_PASSWORD: must be at least 12 characters (got a hidden value)',
    );
  });

  it('resets the admin password only when ADMIN_PASSWORD_RESET says so, and only with the password to set', () => {
    expect(
      loadConfig({ ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'correct horse battery', ADMIN_PASSWORD_RESET: 'true' }).auth.admin?.resetPassword,
    ).toBe(true);
    expect(() => loadConfig({ ADMIN_PASSWORD_RESET: 'true' })).toThrow('ADMIN_PASSWORD_RESET: needs ADMIN_EMAIL and ADMIN_PASSWORD (the password to set)');
    expect(() => loadConfig({ ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'correct horse battery', ADMIN_PASSWORD_RESET: 'maybe' })).toThrow(
      'ADMIN_PASSWORD_RESET: must be true or false',
    );
  });

  it('reads every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-at-least-32-chars',
      PORT: '8080',
      DATABASE_URL: 'postgres://app:secret@db:5432/rebalance',
      MIGRATIONS_RUN: 'false',
      CORS_ORIGINS: 'https://dash.example.com, http://localhost:5173',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      port: 8080,
      databaseUrl: 'postgres://app:secret@db:5432/rebalance',
      migrationsRun: false,
      corsOrigins: ['https://dash.example.com', 'http://localhost:5173'],
      logLevel: 'warn',
      logFormat: 'json',
    });
  });

  it('takes separate rate limits for users and API keys, each at least 1', () => {
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_API_KEY_PER_MINUTE: '120' }).rateLimit).toEqual({
      perUserPerMinute: 1_000_000,
      perApiKeyPerMinute: 120,
      flushMs: 100,
    });
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow('RATE_LIMIT_PER_MINUTE: must not be less than 1 (got "0")');
  });

  it('takes the HTTP timeouts, the connection cap and the shutdown grace, headers never outlasting the request', () => {
    expect(
      loadConfig({
        HTTP_REQUEST_TIMEOUT_MS: '20000',
        HTTP_HEADERS_TIMEOUT_MS: '5000',
        HTTP_MAX_CONNECTIONS: '50',
        SHUTDOWN_GRACE_MS: '3000',
        AUTH_FAILURES_PER_MINUTE: '5',
      }),
    ).toMatchObject({ http: { requestTimeoutMs: 20_000, headersTimeoutMs: 5000, maxConnections: 50, shutdownGraceMs: 3000 }, auth: { failuresPerMinute: 5 } });
    expect(() => loadConfig({ HTTP_REQUEST_TIMEOUT_MS: '5000', HTTP_HEADERS_TIMEOUT_MS: '10000' })).toThrow(
      'HTTP_HEADERS_TIMEOUT_MS: must be at most HTTP_REQUEST_TIMEOUT_MS (5000)',
    );
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: '0' })).toThrow('HTTP_MAX_CONNECTIONS: must not be less than 1 (got "0")');
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeNull();
  });

  it('refuses a non-numeric PORT with a message naming it and the value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow('PORT: must be an integer (got "abc")');
    expect(() => loadConfig({ PORT: '3000abc' })).toThrow('PORT: must be an integer (got "3000abc")');
    expect(() => loadConfig({ PORT: '70000' })).toThrow('PORT: must not be greater than 65535 (got "70000")');
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', MIGRATIONS_RUN: 'maybe', DATABASE_URL: 'mysql://x' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'MIGRATIONS_RUN', 'PORT']);
    }
  });
});
