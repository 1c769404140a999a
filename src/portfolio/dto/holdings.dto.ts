import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsPastTimestamp } from '../../common/http/date-rules';
import { PageQueryDto } from '../../common/http/pagination';

const TERMS = ['SHORT', 'LONG'];

export class PositionDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null on the cash line' })
  assetId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'VTI', description: 'null on the cash line' })
  symbol: string | null;

  @ApiProperty({ example: 'stock', description: 'The cash line has class cash' })
  assetType: string;

  @ApiProperty({ type: String, example: '10' })
  quantity: string;

  @ApiProperty({ type: String, example: '245.1700000', description: 'costBasis / quantity, rounded half-even to 8 decimals' })
  averageCost: string;

  @ApiProperty({ type: String, example: '2451.70', description: 'Exact, wash-sale adjustments included' })
  costBasis: string;

  @ApiProperty({ type: String, nullable: true, example: '250.00', description: 'Current price; null when none is known' })
  price: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  priceAsOf: string | null;

  @ApiProperty({ example: false })
  priceStale: boolean;

  @ApiProperty({ type: String, example: '2500', description: 'quantity × price, exact; 0 without a price' })
  marketValue: string;

  @ApiProperty({ type: String, nullable: true, example: '48.30', description: 'marketValue − costBasis; null without a price' })
  unrealizedGain: string | null;

  @ApiProperty({ type: String, nullable: true, example: '1.9701', description: 'unrealizedGain / costBasis × 100, half-even to 4 decimals; null without a price or basis' })
  unrealizedGainPercent: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2.5000', description: 'Share of the portfolio\'s total value in percent, half-even to 4 decimals; null when the total is 0' })
  weightPercentage: string | null;
}

export class PositionListDto {
  @ApiProperty({ type: [PositionDto], description: 'One line per asset held, by symbol, then the cash line (on the last page)' })
  items: PositionDto[];

  @ApiProperty({ type: [String], example: [], description: 'About every position, not only this page\'s' })
  warnings: string[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as cursor for the next page; null on the last one' })
  nextCursor: string | null;
}

export class LotDto {
  @ApiProperty({ format: 'uuid', description: 'Name it in a SPECIFIC_ID sell' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  assetId: string;

  @ApiProperty({ example: 'VTI' })
  symbol: string;

  @ApiProperty({ type: String, example: '10' })
  quantity: string;

  @ApiProperty({ type: String, example: '245.27000000', description: 'costBasis / quantity, half-even to 8 decimals' })
  costPerUnit: string;

  @ApiProperty({ type: String, example: '2452.70', description: 'Total basis of the open quantity, after wash-sale adjustments; exact' })
  costBasis: string;

  @ApiProperty({ type: String, example: '0', description: 'Disallowed wash-sale loss added to this lot\'s basis' })
  washSaleAdjustment: string;

  @ApiProperty({ format: 'date-time' })
  acquiredAt: string;

  @ApiProperty({ format: 'date-time', description: 'acquiredAt, moved earlier by a wash sale\'s tacked holding period' })
  holdingPeriodStart: string;

  @ApiProperty({ type: String, nullable: true, example: '47.30', description: 'At the current price; null without one' })
  unrealizedGain: string | null;

  @ApiProperty({ enum: TERMS, enumName: 'Term', description: 'If sold today' })
  term: string;

  @ApiProperty({ format: 'date', example: '2027-11-21', description: 'First day a sale is long-term (held more than one year)' })
  longTermAt: string;
}

export class LotListDto {
  @ApiProperty({ type: [LotDto], description: 'Oldest first' })
  items: LotDto[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as cursor for the next page; null on the last one' })
  nextCursor: string | null;
}

export class RealizedGainQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', example: '2026-01-01T00:00:00Z', description: 'Disposals at or after' })
  @IsOptional()
  @IsPastTimestamp()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-31T23:59:59Z', description: 'Disposals at or before' })
  @IsOptional()
  @IsPastTimestamp()
  to?: Date;
}

export class RealizedGainDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  lotId: string;

  @ApiProperty({ format: 'uuid' })
  assetId: string;

  @ApiProperty({ example: 'VTI' })
  symbol: string;

  @ApiProperty({ format: 'uuid' })
  sellTransactionId: string;

  @ApiProperty({ type: String, example: '5' })
  quantity: string;

  @ApiProperty({ type: String, example: '1299.50', description: 'quantity × price minus this lot\'s share of the fee' })
  proceeds: string;

  @ApiProperty({ type: String, example: '1226.35' })
  costBasis: string;

  @ApiProperty({ type: String, example: '73.15', description: 'proceeds − costBasis' })
  gain: string;

  @ApiProperty({ type: String, example: '0', description: 'Loss disallowed by the wash-sale rule (added to the replacement lot)' })
  washSaleDisallowed: string;

  @ApiProperty({ type: String, example: '73.15', description: 'gain + washSaleDisallowed' })
  reportableGain: string;

  @ApiProperty({ format: 'date-time', description: 'Start of the holding period (after any wash-sale tacking)' })
  acquiredAt: string;

  @ApiProperty({ format: 'date-time' })
  disposedAt: string;

  @ApiProperty({ enum: TERMS, enumName: 'Term' })
  term: string;
}

export class GainTotalsDto {
  @ApiProperty({ type: String, example: '1299.50' })
  proceeds: string;

  @ApiProperty({ type: String, example: '1226.35' })
  costBasis: string;

  @ApiProperty({ type: String, example: '73.15' })
  gain: string;

  @ApiProperty({ type: String, example: '0' })
  washSaleDisallowed: string;

  @ApiProperty({ type: String, example: '73.15' })
  reportableGain: string;
}

export class RealizedGainTotalsDto {
  @ApiProperty({ type: GainTotalsDto })
  shortTerm: GainTotalsDto;

  @ApiProperty({ type: GainTotalsDto })
  longTerm: GainTotalsDto;

  @ApiProperty({ type: GainTotalsDto })
  total: GainTotalsDto;
}

export class RealizedGainListDto {
  @ApiProperty({ type: [RealizedGainDto], description: 'In disposal order' })
  items: RealizedGainDto[];

  @ApiProperty({ type: RealizedGainTotalsDto, description: 'Over every gain in the range, not only this page' })
  totals: RealizedGainTotalsDto;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as cursor for the next page; null on the last one' })
  nextCursor: string | null;
}
