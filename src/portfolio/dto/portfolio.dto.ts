import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO4217CurrencyCode, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { LOT_METHODS, type LotMethod } from '../domain/lot-methods';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class CreatePortfolioDto {
  @ApiProperty({ example: 'Retirement', minLength: 1, maxLength: 100 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: 'USD', default: 'USD', description: 'ISO 4217; every asset traded in the portfolio must use it (multi-currency is not supported yet)' })
  @IsOptional()
  @Transform(upper)
  @IsISO4217CurrencyCode()
  baseCurrency?: string;

  @ApiPropertyOptional({ enum: LOT_METHODS, enumName: 'LotMethod', default: 'FIFO', description: 'Which tax lots a SELL relieves' })
  @IsOptional()
  @IsIn(LOT_METHODS)
  lotMethod?: LotMethod;
}

export class UpdatePortfolioDto {
  @ApiPropertyOptional({ example: 'Retirement (IRA)', minLength: 1, maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ enum: LOT_METHODS, enumName: 'LotMethod', description: 'Can change only while the portfolio has no SELL (past sales keep the lots they relieved)' })
  @IsOptional()
  @IsIn(LOT_METHODS)
  lotMethod?: LotMethod;
}

export class PortfolioQueryDto extends PageQueryDto {}

export class PortfolioSummaryDto {
  @ApiProperty({ format: 'uuid', example: '4b0c2a4e-1f3e-4a57-9d1e-1c2f7b2f9a10' })
  id: string;

  @ApiProperty({ example: 'Retirement' })
  name: string;

  @ApiProperty({ example: 'USD' })
  baseCurrency: string;

  @ApiProperty({ enum: LOT_METHODS, enumName: 'LotMethod', example: 'FIFO' })
  lotMethod: LotMethod;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T09:30:00.000Z' })
  updatedAt: string;
}

export class PortfolioDetailDto extends PortfolioSummaryDto {
  @ApiProperty({ type: String, example: '10000', description: 'Cash balance in the base currency, exact' })
  cash: string;

  @ApiProperty({ type: String, example: '90000', description: 'Holdings (not cash) at current prices, exact; an asset without a price counts as 0 (see warnings)' })
  marketValue: string;

  @ApiProperty({ type: String, example: '100000', description: 'marketValue + cash' })
  totalValue: string;

  @ApiProperty({ type: String, example: '80000', description: 'Basis of the open lots, wash-sale adjustments included' })
  costBasis: string;

  @ApiProperty({ type: String, example: '10000', description: 'marketValue − costBasis over priced holdings' })
  unrealizedGain: string;

  @ApiProperty({ type: [String], example: ['No price for BTC: valued at 0'] })
  warnings: string[];
}

export class PortfolioListDto {
  @ApiProperty({ type: [PortfolioSummaryDto] })
  items: PortfolioSummaryDto[];

  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor: string | null;
}
