import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DATE, DECIMAL, UUID } from '../../common/http/openapi-fields';

/** The first and last tax years the report answers for. */
export const FIRST_TAX_YEAR = 1900;
export const LAST_TAX_YEAR = 2100;

export class TaxYearReportQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: FIRST_TAX_YEAR,
    maximum: LAST_TAX_YEAR,
    example: 2026,
    description: 'The tax year: sales dated in it (UTC). Leave out for the current year',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(FIRST_TAX_YEAR)
  @Max(LAST_TAX_YEAR)
  year?: number;
}

export class Form8949LineDto {
  @ApiProperty({ maxLength: 120, example: '12.5 sh. VTI', description: '(a) Description of property' })
  description: string;

  @ApiProperty({
    ...DATE,
    example: '2025-03-14',
    description: '(b) Date acquired: the holding period start after any wash-sale tacking, as a 1099-B reports it',
  })
  dateAcquired: string;

  @ApiProperty({ ...DATE, example: '2026-02-10', description: '(c) Date sold' })
  dateSold: string;

  @ApiProperty({ ...DECIMAL, example: '2875.00', description: '(d) Proceeds, to the cent (half-even)' })
  proceeds: string;

  @ApiProperty({ ...DECIMAL, example: '3075.00', description: '(e) Cost basis, to the cent (half-even)' })
  costBasis: string;

  @ApiProperty({ enum: ['W', ''], example: 'W', description: '(f) W for a wash sale, else empty' })
  adjustmentCode: 'W' | '';

  @ApiProperty({ ...DECIMAL, example: '200.00', description: '(g) The disallowed loss added back, to the cent; 0.00 without a wash sale' })
  adjustmentAmount: string;

  @ApiProperty({ ...DECIMAL, example: '0.00', description: '(h) Gain or loss: (d) − (e) + (g) of the columns as shown' })
  gain: string;

  @ApiProperty({ ...UUID, description: 'The account (portfolio) of the sale' })
  portfolioId: string;

  @ApiProperty({ ...UUID, description: 'The SELL transaction' })
  sellTransactionId: string;

  @ApiProperty({ ...UUID, description: 'The lot the sale relieved' })
  lotId: string;
}

export class Form8949TotalsDto {
  @ApiProperty({ ...DECIMAL, example: '2875.00', description: 'Sum of the lines as shown' })
  proceeds: string;

  @ApiProperty({ ...DECIMAL, example: '3075.00' })
  costBasis: string;

  @ApiProperty({ ...DECIMAL, example: '200.00' })
  adjustmentAmount: string;

  @ApiProperty({ ...DECIMAL, example: '0.00' })
  gain: string;
}

export class Form8949PartDto {
  @ApiProperty({ enum: ['SHORT', 'LONG'], example: 'SHORT', description: 'Part I (short-term) or Part II (long-term)' })
  term: 'SHORT' | 'LONG';

  @ApiProperty({ type: [Form8949LineDto], maxItems: 100000 })
  lines: Form8949LineDto[];

  @ApiProperty({ type: Form8949TotalsDto })
  totals: Form8949TotalsDto;
}

export class TaxYearReportDto {
  @ApiProperty({ ...UUID })
  householdId: string;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: FIRST_TAX_YEAR, maximum: LAST_TAX_YEAR, example: 2026 })
  year: number;

  @ApiProperty({ type: Form8949PartDto })
  shortTerm: Form8949PartDto;

  @ApiProperty({ type: Form8949PartDto })
  longTerm: Form8949PartDto;
}
