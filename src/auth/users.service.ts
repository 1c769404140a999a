import { Injectable, Logger, type OnApplicationBootstrap, Inject } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppProblem, ValidationProblem } from '../common/problem/problem';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/postgres-errors';
import type { AccessTokenPayload } from './auth.guard';
import { passwordPolicyViolation } from './credentials';
import type { User } from './entities/user.entity';
import { hashPassword, verifyPassword } from './password-hasher';
import { UserRepository } from './user.repository';
import type { Principal } from './principal';
import { AuthErrorCode } from './auth-errors';

/** An email and password, as someone registers or signs in with them. */
export interface Credentials {
  email: string;
  password: string;
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);
  /** Verified against when the email is unknown, so both failures cost the same time. */
  private readonly decoyHash = hashPassword('decoy password that never matches');

  constructor(
    private readonly users: UserRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The admin comes from configuration, never from self-registration, and the operator's
   * ADMIN_PASSWORD never promotes an account whose password someone else chose: an account that
   * registered itself under ADMIN_EMAIL before the first start would otherwise become admin with
   * its own password. So the email is claimed only while free; an existing admin keeps its
   * password unless ADMIN_PASSWORD_RESET asks to set it; any other holder stops the start.
   */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.auth.admin;
    if (!admin) return;
    const passwordHash = await hashPassword(admin.password);
    // One statement, so two instances starting together cannot both insert.
    if (await this.users.insertUnlessTaken({ email: admin.email, passwordHash, role: 'admin' })) {
      this.logger.log(`admin account ${admin.email} created`);
      return;
    }
    const holder = await this.users.getByEmail(admin.email);
    if (holder.role !== 'admin') {
      throw new Error(
        `ADMIN_EMAIL ${admin.email} belongs to an account registered through the API (role ${holder.role}), ` +
          'whose password the operator did not set, so it is not made admin. Choose another ADMIN_EMAIL, ' +
          'or delete that account or promote it by hand (README, "The admin account").',
      );
    }
    if (admin.resetPassword) {
      await this.users.setPassword(holder.id, 'admin', passwordHash);
      this.logger.warn(`admin account ${admin.email}: password set from ADMIN_PASSWORD (ADMIN_PASSWORD_RESET=true); unset ADMIN_PASSWORD_RESET now`);
      return;
    }
    if (!(await verifyPassword(holder.passwordHash, admin.password))) {
      this.logger.warn(`admin account ${admin.email} keeps its password: ADMIN_PASSWORD differs and is ignored unless ADMIN_PASSWORD_RESET=true`);
    }
  }

  async register(credentials: Credentials): Promise<User> {
    const violation = passwordPolicyViolation(credentials.password, credentials.email);
    if (violation) throw new ValidationProblem([{ field: 'password', rule: 'passwordPolicy', message: violation }]);
    const passwordHash = await hashPassword(credentials.password);
    try {
      return await this.users.insert({ email: credentials.email, passwordHash, role: 'user' });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppProblem(AuthErrorCode.EMAIL_TAKEN, 'An account with this email already exists');
      }
      throw error;
    }
  }

  async login(credentials: Credentials): Promise<{ accessToken: string; expiresInSeconds: number }> {
    const user = await this.users.findByEmail(credentials.email);
    const valid = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), credentials.password);
    if (!user || !valid) {
      throw new AppProblem(AuthErrorCode.INVALID_CREDENTIALS, 'The email or password is wrong');
    }
    const payload: AccessTokenPayload = { sub: user.id };
    const accessToken = await this.jwt.signAsync(payload);
    return { accessToken, expiresInSeconds: this.config.auth.jwtExpiresInSeconds };
  }

  /** The signed-in user, with the credentials this request came with. */
  async me(principal: Principal): Promise<{ user: User; principal: Principal }> {
    const user = await this.users.getById(principal.userId);
    return { user, principal };
  }
}
