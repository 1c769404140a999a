import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SCOPES, type Scope } from '../auth.constants';
import { IsTimestamp } from '../../common/http/date-rules';
import { CURSOR, DATE_TIME, UUID } from '../../common/http/openapi-fields';
import { MAX_PAGE_SIZE } from '../../common/http/pagination';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Acme Wealth nightly sync', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: SCOPES, enumName: 'Scope', isArray: true, maxItems: SCOPES.length, example: ['portfolios:read', 'rebalancing:read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  scopes: Scope[];

  @ApiPropertyOptional({ ...DATE_TIME, example: '2027-06-30T00:00:00.000Z', description: 'Must be in the future; omit for no expiry' })
  @IsOptional()
  @IsTimestamp()
  expiresAt?: Date;
}

export class ApiKeyResponseDto {
  @ApiProperty({ ...UUID, example: '9b2e1f4c-2d6a-4c1b-8e7f-3a5b6c7d8e9f' })
  id: string;

  @ApiProperty({ maxLength: 100, example: 'Acme Wealth nightly sync' })
  name: string;

  @ApiProperty({
    pattern: '^rb_live_[A-Za-z0-9_-]{8}$',
    maxLength: 16,
    example: 'rb_live_Xy3kP9aQ',
    description: 'The first characters of the key, to tell keys apart',
  })
  prefix: string;

  @ApiProperty({ enum: SCOPES, enumName: 'Scope', isArray: true, maxItems: SCOPES.length, example: ['portfolios:read', 'rebalancing:read'] })
  scopes: string[];

  @ApiProperty({ ...DATE_TIME, example: '2026-11-24T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ ...DATE_TIME, nullable: true, type: String, example: null })
  lastUsedAt: string | null;

  @ApiProperty({ ...DATE_TIME, nullable: true, type: String, example: '2027-06-30T00:00:00.000Z' })
  expiresAt: string | null;
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({
    pattern: '^rb_live_[A-Za-z0-9_-]{43}$',
    maxLength: 51,
    example: 'rb_live_Xy3kP9aQmZ2v7NwB4tR8sE1uH6jK0cL5dF9gA3pY2xW',
    description: 'The key itself. Shown this once: only its hash is stored. Send it as the X-API-Key header.',
  })
  secret: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyResponseDto], maxItems: MAX_PAGE_SIZE, description: 'Newest first' })
  items: ApiKeyResponseDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}
