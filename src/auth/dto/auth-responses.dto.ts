import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, SCOPES } from '../auth.constants';
import { DATE_TIME, EMAIL, UUID } from '../../common/http/openapi-fields';

export class UserResponseDto {
  @ApiProperty({ ...UUID, example: '0d8f5b8e-5a55-4f0e-bb0b-7a1f2b6c3d4e' })
  id: string;

  @ApiProperty({ ...EMAIL, example: 'ada@example.com' })
  email: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'user' })
  role: string;

  @ApiProperty({ ...DATE_TIME, example: '2026-11-24T09:30:00.000Z' })
  createdAt: string;
}

export class MeResponseDto extends UserResponseDto {
  @ApiProperty({ enum: ['jwt', 'apiKey'], enumName: 'AuthMethod', example: 'jwt' })
  authMethod: string;

  @ApiProperty({ enum: SCOPES, enumName: 'Scope', isArray: true, maxItems: SCOPES.length, example: ['portfolios:read', 'portfolios:write'] })
  scopes: string[];

  @ApiPropertyOptional({ type: String, ...UUID, nullable: true, description: 'The API key used, when authMethod is apiKey', example: null })
  apiKeyId: string | null;
}

export class TokenResponseDto {
  @ApiProperty({
    pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
    maxLength: 2048,
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwZDhm.c2lnbmF0dXJl',
  })
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires', example: 3600 })
  expiresIn: number;
}
