import type { MeResponseDto, TokenResponseDto, UserResponseDto } from './dto/auth-responses.dto';
import type { LoginDto, RegisterDto } from './dto/credentials.dto';
import type { User } from './entities/user.entity';
import type { Principal } from './principal';
import type { Credentials } from './users.service';

export function toCredentials(dto: RegisterDto | LoginDto): Credentials {
  return { email: dto.email, password: dto.password };
}

export function toUserResponse(user: User): UserResponseDto {
  return { id: user.id, email: user.email, role: user.role, createdAt: user.createdAt.toISOString() };
}

export function toMeResponse({ user, principal }: { user: User; principal: Principal }): MeResponseDto {
  return { ...toUserResponse(user), authMethod: principal.authMethod, scopes: [...principal.scopes], apiKeyId: principal.apiKeyId };
}

export function toTokenResponse(token: { accessToken: string; expiresInSeconds: number }): TokenResponseDto {
  return { accessToken: token.accessToken, tokenType: 'Bearer', expiresIn: token.expiresInSeconds };
}
