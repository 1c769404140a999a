import { HttpStatus, Injectable, Logger, type OnApplicationBootstrap, Inject } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ProblemException, ValidationProblem } from '../common/problem/problem';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/postgres-errors';
import type { AccessTokenPayload } from './auth.guard';
import { passwordPolicyViolation } from './credentials';
import type { LoginDto, RegisterDto } from './dto/credentials.dto';
import type { MeResponseDto, TokenResponseDto, UserResponseDto } from './dto/auth-responses.dto';
import { User } from './entities/user.entity';
import { hashPassword, verifyPassword } from './password-hasher';
import type { Principal } from './principal';

export function toUserResponse(user: User): UserResponseDto {
  return { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt.toISOString() };
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);
  /** Verified against when the email is unknown, so both failures cost the same time. */
  private readonly decoyHash = hashPassword('decoy password that never matches');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The first admin comes from configuration, never from self-registration. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.auth.admin;
    if (!admin) return;
    const passwordHash = await hashPassword(admin.password);
    // One statement, so two instances starting together cannot both insert.
    await this.users
      .createQueryBuilder()
      .insert()
      .values({ email: admin.email, passwordHash, role: 'admin' })
      .orUpdate(['role'], ['email'])
      .execute();
    this.logger.log(`admin account ${admin.email} is ready`);
  }

  async register(dto: RegisterDto): Promise<UserResponseDto> {
    const violation = passwordPolicyViolation(dto.password, dto.email);
    if (violation) throw new ValidationProblem([{ field: 'password', rule: 'passwordPolicy', message: violation }]);
    const passwordHash = await hashPassword(dto.password);
    try {
      const user = await this.users.save(this.users.create({ email: dto.email, passwordHash, role: 'user' }));
      return toUserResponse(user);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ProblemException(HttpStatus.CONFLICT, 'EMAIL_TAKEN', 'An account with this email already exists');
      }
      throw error;
    }
  }

  async login(dto: LoginDto): Promise<TokenResponseDto> {
    const user = await this.users.findOneBy({ email: dto.email });
    const valid = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), dto.password);
    if (!user || !valid) {
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'The email or password is wrong');
    }
    const payload: AccessTokenPayload = { sub: user.id };
    const accessToken = await this.jwt.signAsync(payload);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.jwtExpiresInSeconds };
  }

  async me(principal: Principal): Promise<MeResponseDto> {
    const user = await this.users.findOneByOrFail({ id: principal.userId });
    return { ...toUserResponse(user), authMethod: principal.authMethod, scopes: [...principal.scopes], apiKeyId: principal.apiKeyId };
  }
}
