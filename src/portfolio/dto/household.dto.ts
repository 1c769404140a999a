import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsDecimalString } from '../../common/decimal/is-decimal.validator';
import { MAX_PAGE_SIZE, PageQueryDto } from '../../common/http/pagination';
import { CURSOR, DATE_TIME, DECIMAL, DECIMAL_INPUT, UUID } from '../../common/http/openapi-fields';
import { TAX_RATE_RULE } from './decimal-rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The columns' defaults too (see the migration that added households). */
export const DEFAULT_SHORT_TERM_RATE = '37';
export const DEFAULT_LONG_TERM_RATE = '20';

const EXTERNAL_ID_DESCRIPTION = 'Your own id for this client, unique among your households: look it up with GET /households?externalId=';
const SHORT_TERM_RATE_DESCRIPTION = 'Tax rate on short-term gains, in percent (0 to 100, at most 4 decimals), for estimates only';
const LONG_TERM_RATE_DESCRIPTION = 'Tax rate on long-term gains, in percent (0 to 100, at most 4 decimals), for estimates only';

export class UpdateHouseholdDto {
  @ApiPropertyOptional({ example: 'The Parkers', minLength: 1, maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'client-0042',
    minLength: 1,
    maxLength: 100,
    description: `${EXTERNAL_ID_DESCRIPTION}; null removes it`,
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalId?: string | null;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '32', description: SHORT_TERM_RATE_DESCRIPTION })
  @IsOptional()
  @IsDecimalString(TAX_RATE_RULE)
  shortTermRate?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '15', description: LONG_TERM_RATE_DESCRIPTION })
  @IsOptional()
  @IsDecimalString(TAX_RATE_RULE)
  longTermRate?: string;
}

export class CreateHouseholdDto {
  @ApiProperty({ example: 'The Parkers', minLength: 1, maxLength: 100 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: 'client-0042', minLength: 1, maxLength: 100, description: EXTERNAL_ID_DESCRIPTION })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalId?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '32', default: DEFAULT_SHORT_TERM_RATE, description: SHORT_TERM_RATE_DESCRIPTION })
  @IsOptional()
  @IsDecimalString(TAX_RATE_RULE)
  shortTermRate?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '15', default: DEFAULT_LONG_TERM_RATE, description: LONG_TERM_RATE_DESCRIPTION })
  @IsOptional()
  @IsDecimalString(TAX_RATE_RULE)
  longTermRate?: string;
}

export class HouseholdQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'client-0042', minLength: 1, maxLength: 100, description: 'Only the household with this externalId' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalId?: string;
}

export class HouseholdDto {
  @ApiProperty({ ...UUID, example: '9d4f3a2e-7c1b-4e8a-b5d6-2f0e1a3c4b5d' })
  id: string;

  @ApiProperty({ maxLength: 100, example: 'The Parkers' })
  name: string;

  @ApiProperty({ type: String, nullable: true, maxLength: 100, example: 'client-0042', description: EXTERNAL_ID_DESCRIPTION })
  externalId: string | null;

  @ApiProperty({ example: false, description: 'The household POST /portfolios uses when no householdId is given' })
  isDefault: boolean;

  @ApiProperty({ ...DECIMAL, example: '37', description: SHORT_TERM_RATE_DESCRIPTION })
  shortTermRate: string;

  @ApiProperty({ ...DECIMAL, example: '20', description: LONG_TERM_RATE_DESCRIPTION })
  longTermRate: string;

  @ApiProperty({ ...DATE_TIME, example: '2026-11-24T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ ...DATE_TIME, example: '2026-11-24T09:30:00.000Z' })
  updatedAt: string;
}

export class HouseholdListDto {
  @ApiProperty({ type: [HouseholdDto], maxItems: MAX_PAGE_SIZE })
  items: HouseholdDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}
