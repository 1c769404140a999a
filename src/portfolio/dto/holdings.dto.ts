import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsPastTimestamp } from '../../common/http/date-rules';
import { MAX_PAGE_SIZE, PageQueryDto } from '../../common/http/pagination';
import { CURSOR, DATE, DATE_TIME, DECIMAL, estimate, NOTES, UUID, MONEY_ESTIMATE } from '../../common/http/openapi-fields';
import { ASSET_CLASS_FIELD, SYMBOL_FIELD } from './asset.dto';

const TERMS = ['SHORT', 'LONG'];

export class PositionDto {
  @ApiProperty({ type: String, ...UUID, nullable: true, description: 'null on the cash line' })
  assetId: string | null;

  @ApiProperty({ ...SYMBOL_FIELD, type: String, nullable: true, example: 'VTI', description: 'null on the cash line' })
  symbol: string | null;

  @ApiProperty({ ...ASSET_CLASS_FIELD, example: 'stock', description: 'The cash line has class cash' })
  assetType: string;

  @ApiProperty({ ...DECIMAL, example: '10' })
  quantity: string;

  @ApiProperty({ ...DECIMAL, example: '245.1700000', description: 'costBasis / quantity, rounded half-even to 8 decimals' })
  averageCost: string;

  @ApiProperty({ ...DECIMAL, example: '2451.70', description: 'Exact, wash-sale adjustments included' })
  costBasis: string;

  @ApiProperty({ ...DECIMAL, nullable: true, example: '250.00', description: 'Current price; null when none is known' })
  price: string | null;

  @ApiProperty({ type: String, ...DATE_TIME, nullable: true })
  priceAsOf: string | null;

  @ApiProperty({ example: false })
  priceStale: boolean;

  @ApiProperty({ ...MONEY_ESTIMATE, example: '2500.00', description: estimate("quantity × price; 0 without a price; the cash line's is its ledger balance") })
  marketValue: string;

  @ApiProperty({
    ...MONEY_ESTIMATE,
    type: String,
    nullable: true,
    example: '48.30',
    description: estimate('marketValue − costBasis, exact before rounding; null without a price'),
  })
  unrealizedGain: string | null;

  @ApiProperty({
    ...DECIMAL,
    nullable: true,
    example: '1.9701',
    description: 'unrealizedGain / costBasis × 100, half-even to 4 decimals; null without a price or basis',
  })
  unrealizedGainPercent: string | null;

  @ApiProperty({
    ...DECIMAL,
    nullable: true,
    example: '2.5000',
    description: "Share of the portfolio's total value in percent, half-even to 4 decimals; null when the total is 0",
  })
  weightPercentage: string | null;
}

export class PositionListDto {
  @ApiProperty({ type: [PositionDto], maxItems: MAX_PAGE_SIZE, description: 'One line per asset held, by symbol, then the cash line (on the last page)' })
  items: PositionDto[];

  @ApiProperty({ ...NOTES, example: [], description: "About every position, not only this page's" })
  warnings: string[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

export class LotDto {
  @ApiProperty({ ...UUID, description: 'Name it in a SPECIFIC_ID sell' })
  id: string;

  @ApiProperty({ ...UUID })
  assetId: string;

  @ApiProperty({ ...SYMBOL_FIELD, example: 'VTI' })
  symbol: string;

  @ApiProperty({ ...DECIMAL, example: '10' })
  quantity: string;

  @ApiProperty({ ...DECIMAL, example: '245.27000000', description: 'costBasis / quantity, half-even to 8 decimals' })
  costPerUnit: string;

  @ApiProperty({ ...DECIMAL, example: '2452.70', description: 'Total basis of the open quantity, after wash-sale adjustments; exact' })
  costBasis: string;

  @ApiProperty({ ...DECIMAL, example: '0', description: "Disallowed wash-sale loss added to this lot's basis" })
  washSaleAdjustment: string;

  @ApiProperty({ ...DATE_TIME })
  acquiredAt: string;

  @ApiProperty({ ...DATE_TIME, description: "acquiredAt, moved earlier by a wash sale's tacked holding period" })
  holdingPeriodStart: string;

  @ApiProperty({ ...MONEY_ESTIMATE, type: String, nullable: true, example: '47.30', description: estimate('At the current price; null without one') })
  unrealizedGain: string | null;

  @ApiProperty({ enum: TERMS, enumName: 'Term', description: 'If sold today' })
  term: string;

  @ApiProperty({ ...DATE, example: '2027-11-21', description: 'First day a sale is long-term (held more than one year)' })
  longTermAt: string;
}

export class LotListDto {
  @ApiProperty({ type: [LotDto], maxItems: MAX_PAGE_SIZE, description: 'Oldest first' })
  items: LotDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

export class RealizedGainQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ ...DATE_TIME, example: '2026-01-01T00:00:00Z', description: 'Disposals at or after' })
  @IsOptional()
  @IsPastTimestamp()
  from?: Date;

  // A past instant: the rule refuses a future one, so an example in the future would fail as written.
  @ApiPropertyOptional({ ...DATE_TIME, example: '2026-11-30T23:59:59Z', description: 'Disposals at or before' })
  @IsOptional()
  @IsPastTimestamp()
  to?: Date;
}

export class RealizedGainDto {
  @ApiProperty({ ...UUID })
  id: string;

  @ApiProperty({ ...UUID })
  lotId: string;

  @ApiProperty({ ...UUID })
  assetId: string;

  @ApiProperty({ ...SYMBOL_FIELD, example: 'VTI' })
  symbol: string;

  @ApiProperty({ ...UUID })
  sellTransactionId: string;

  @ApiProperty({ ...DECIMAL, example: '5' })
  quantity: string;

  @ApiProperty({ ...DECIMAL, example: '1299.50', description: "quantity × price minus this lot's share of the fee" })
  proceeds: string;

  @ApiProperty({ ...DECIMAL, example: '1226.35' })
  costBasis: string;

  @ApiProperty({ ...DECIMAL, example: '73.15', description: 'proceeds − costBasis' })
  gain: string;

  @ApiProperty({ ...DECIMAL, example: '0', description: 'Loss disallowed by the wash-sale rule (added to the replacement lot)' })
  washSaleDisallowed: string;

  @ApiProperty({
    ...DECIMAL,
    example: '0',
    description:
      'The part of washSaleDisallowed whose replacement shares were bought in a tax-deferred or tax-exempt account of the household: added to no basis, never deductible (Rev. Rul. 2008-5)',
  })
  washSaleLostForGood: string;

  @ApiProperty({ ...DECIMAL, example: '73.15', description: 'gain + washSaleDisallowed' })
  reportableGain: string;

  @ApiProperty({
    example: true,
    description: 'False for a sale inside a tax-deferred or tax-exempt account: it realizes nothing reportable, so it is listed but left out of the totals',
  })
  taxable: boolean;

  @ApiProperty({ ...DATE_TIME, description: 'Start of the holding period (after any wash-sale tacking)' })
  acquiredAt: string;

  @ApiProperty({ ...DATE_TIME })
  disposedAt: string;

  @ApiProperty({ enum: TERMS, enumName: 'Term' })
  term: string;
}

export class GainTotalsDto {
  @ApiProperty({ ...DECIMAL, example: '1299.50' })
  proceeds: string;

  @ApiProperty({ ...DECIMAL, example: '1226.35' })
  costBasis: string;

  @ApiProperty({ ...DECIMAL, example: '73.15' })
  gain: string;

  @ApiProperty({ ...DECIMAL, example: '0' })
  washSaleDisallowed: string;

  @ApiProperty({ ...DECIMAL, example: '73.15' })
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
  @ApiProperty({ type: [RealizedGainDto], maxItems: MAX_PAGE_SIZE, description: 'In disposal order' })
  items: RealizedGainDto[];

  @ApiProperty({
    type: RealizedGainTotalsDto,
    description: 'Over every taxable gain in the range, not only this page; sales inside tax-deferred and tax-exempt accounts are not counted',
  })
  totals: RealizedGainTotalsDto;

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}
