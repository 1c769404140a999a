import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FailedAuthLimiter } from './rate-limit/failed-auth-limiter';
import { RateLimitCounterRepository } from './rate-limit/rate-limit-counter.repository';
import { RateLimiter } from './rate-limit/rate-limiter';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthThrottlerGuard, emailTracker, THROTTLE_BY_EMAIL, THROTTLE_BY_IP } from './auth-throttler.guard';
import { ApiKey } from './entities/api-key.entity';
import { User } from './entities/user.entity';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, ApiKey]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a public
        // key on every verification, which cost a signed-in request more than half its CPU time.
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256', expiresIn: config.auth.jwtExpiresInSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    // Counters live in memory, per instance: enough to slow password guessing; see the README.
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const window = config.auth.throttleWindowSeconds * 1000;
        return {
          throttlers: [
            { name: THROTTLE_BY_IP, limit: config.auth.throttleLimit, ttl: window },
            { name: THROTTLE_BY_EMAIL, limit: config.auth.throttleLimit, ttl: window, getTracker: emailTracker },
          ],
        };
      },
    }),
  ],
  controllers: [AuthController, ApiKeysController],
  providers: [
    UserRepository,
    ApiKeyRepository,
    RateLimitCounterRepository,
    UsersService,
    ApiKeysService,
    AuthThrottlerGuard,
    RateLimiter,
    FailedAuthLimiter,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService],
})
export class AuthModule {}
