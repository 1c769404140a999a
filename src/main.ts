import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { GuardedExpressAdapter, HttpDrain } from './common/http/http-server';
import { ConfigError, loadConfig } from './config/app-config';
import { resolveDatabaseServer } from './database/database-server';

// Time allowed after the grace for the app and the embedded database to close.
const SHUTDOWN_BACKSTOP_MS = 10_000;

function fail(message: string): never {
  process.stderr.write(`rebalance: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }

  const database = await resolveDatabaseServer(config, (line) => {
    if (config.logLevel === 'debug' || config.logLevel === 'trace') process.stderr.write(line);
  }).catch((error: unknown) => fail(`could not start the embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`));

  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database.url), new GuardedExpressAdapter(config.http), {
      // Until configureApp installs the JSON logger, a failed start prints only the one clear line below.
      logger: false,
      bodyParser: false,
      abortOnError: false,
    });
    configureApp(app, config);
    await app.listen(config.port, config.host);
  } catch (error) {
    await database.stop();
    const reason = error instanceof Error ? error.message : String(error);
    fail(`start-up failed: ${reason}${config.databaseUrl ? ' (is DATABASE_URL reachable?)' : ''}`);
  }

  // Drain HTTP first (in-flight requests still need the pool), then close the app, then the embedded
  // database, never the other way round. Nest's own close would only stop the server after its hooks
  // ran, and would wait on keep-alive connections for as long as clients keep them busy.
  const drain = new HttpDrain(app.getHttpServer());
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    process.stderr.write(`rebalance: ${signal} received, shutting down (grace ${config.http.shutdownGraceMs} ms)\n`);
    // A hook that never returns must not keep a stopping instance alive forever.
    setTimeout(() => fail('shutdown did not finish in time; exiting'), config.http.shutdownGraceMs + SHUTDOWN_BACKSTOP_MS).unref();
    try {
      if ((await drain.drain(config.http.shutdownGraceMs)) === 'cut') {
        process.stderr.write('rebalance: the shutdown grace ended; connections still open were closed\n');
      }
      await app.close();
    } finally {
      await database.stop();
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  process.stderr.write(`rebalance: listening on http://${config.host}:${port} (Swagger UI at /docs)\n`);
}

void main();
