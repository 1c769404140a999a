import type { ModuleMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { TEST_ADMIN } from './auth';
import { openApiValidator } from './openapi-validator';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  database: TestDatabase;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Environment variables on top of the test defaults. */
  env?: NodeJS.ProcessEnv;
  /** Extra controllers/providers, e.g. a probe that exercises the pipeline. */
  extra?: ModuleMetadata;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Every request made through it checks its response against openapi.json, so
 * an undocumented field, status or wrong type fails the test that met it.
 * Only the documentation routes (/docs, /docs-json) are outside the API.
 */
function checkedAgainstSpec(agent: ReturnType<typeof request>): ReturnType<typeof request> {
  const validator = openApiValidator();
  for (const method of METHODS) {
    const original = agent[method].bind(agent);
    agent[method] = ((url: string) => {
      const test = original(url);
      if (!url.startsWith('/api/')) return test;
      return test.expect((response) => {
        const problem = validator.check(method, url, response.status, response.headers['content-type'], response.body, response.text);
        if (problem) throw new Error(problem);
      });
    }) as typeof agent.get;
  }
  return agent;
}

/** The real application, as main.ts wires it, on a database of its own. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MIGRATIONS_RUN: 'false',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    // High enough that only the throttle test, which lowers it, ever meets it.
    AUTH_THROTTLE_LIMIT: '10000',
    // Likewise for the per-caller rate limit: only its own test lowers it.
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_API_KEY_PER_MINUTE: '100000',
    AUTH_FAILURES_PER_MINUTE: '100000',
    // Files about background work turn workers on; elsewhere a job running beside a test would change rows it compares.
    JOB_WORKERS: 'false',
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config, database.url)],
    ...options.extra,
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
  configureApp(app, config);
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    config,
    database,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    http: () => checkedAgainstSpec(request(server)),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
