import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../app.module';
import { API_PREFIX, buildOpenApiDocument } from '../app.setup';
import { loadConfig } from '../config/app-config';

const OPENAPI_FILE = resolve(__dirname, '../../../openapi.json');

/** Objects with their keys sorted, so the file changes only when the API does. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export async function renderOpenApiDocument(): Promise<string> {
  // Preview mode resolves the module graph without instantiating providers, so
  // nothing connects to PostgreSQL or starts job workers; the URL is never dialled.
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, 'postgres://unused@127.0.0.1:1/unused'), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  app.setGlobalPrefix(API_PREFIX);
  const document = buildOpenApiDocument(app);
  await app.close();
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const rendered = await renderOpenApiDocument();
  if (!check) {
    writeFileSync(OPENAPI_FILE, rendered);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(OPENAPI_FILE, 'utf8');
  } catch {
    // a missing file is reported like a stale one
  }
  if (committed !== rendered) {
    process.stderr.write('openapi.json is out of date with the code: run `npm run lint:api` and commit the result\n');
    process.exit(1);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`export-openapi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
