import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { ProblemDetailsFilter } from './common/problem/problem-details.filter';
import { LoggingModule } from './common/logging/logging.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { buildDataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { PortfolioModule } from './portfolio/portfolio.module';
import { RebalancingModule } from './rebalancing/rebalancing.module';

@Module({})
export class AppModule {
  /** databaseUrl is the resolved one: the configured URL or the embedded server's. */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions({
            url: databaseUrl,
            connectTimeoutMs: config.databaseConnectTimeoutMs,
            migrationsRun: config.migrationsRun,
          }),
          // Fail fast with a clear message; a supervisor restarts the process.
          retryAttempts: 0,
        }),
        JobsModule.forRoot(databaseUrl),
        IdempotencyModule,
        HealthModule,
        AuthModule,
        PortfolioModule,
        RebalancingModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
