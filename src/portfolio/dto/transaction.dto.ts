import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsUUID, ValidateBy, ValidateIf } from 'class-validator';
import { ValidateNestedDto } from '../../common/http/validate-nested-dto';
import { IsDecimalString } from '../../common/decimal/is-decimal.validator';
import { IsPastTimestamp } from '../../common/http/date-rules';
import { MAX_PAGE_SIZE, PageQueryDto } from '../../common/http/pagination';
import { TRANSACTION_TYPES, type TransactionType } from '../domain/lot-methods';
import { AMOUNT_RULE, FEE_RULE, PRICE_RULE, QUANTITY_RULE } from '../decimal-rules';
import { CURSOR, DATE_TIME, DECIMAL, DECIMAL_INPUT, UUID } from '../../common/http/openapi-fields';

type WithType = { type?: unknown };

/**
 * The fields each type requires and allows beyond `type` and `executedAt`, as
 * the ForTypes rules below say; the OpenAPI document draws one body schema per
 * type from it (transaction-bodies.openapi.ts), so the two cannot disagree.
 */
export const FIELDS_BY_TYPE: Record<TransactionType, { required: string[]; optional: string[] }> = Object.fromEntries(
  TRANSACTION_TYPES.map((type) => [type, { required: [], optional: [] }]),
) as unknown as Record<TransactionType, { required: string[]; optional: string[] }>;

/**
 * A field whose presence depends on the transaction type: required for
 * `required`, allowed for `optional`, refused for every other type.
 */
function ForTypes(required: TransactionType[], optional: TransactionType[] = []): PropertyDecorator {
  const allowed = [...required, ...optional];
  return (target, property) => {
    const key = String(property);
    for (const type of required) FIELDS_BY_TYPE[type].required.push(key);
    for (const type of optional) FIELDS_BY_TYPE[type].optional.push(key);
    applyDecorators(
      ValidateIf((dto: WithType & Record<string, unknown>) => dto[key] !== undefined || required.includes(dto.type as TransactionType)),
      ValidateBy({
        name: 'allowedForType',
        validator: {
          validate: (_value, args) => allowed.includes((args?.object as WithType).type as TransactionType),
          defaultMessage: (args) => `is not allowed on a ${String((args?.object as WithType).type)} (only on ${allowed.join(', ')})`,
        },
      }),
      IsDefined({ message: `is required on ${required.join(', ')}` }),
    )(target, property);
  };
}

export class LotSelectionDto {
  @ApiProperty({ ...UUID, example: '6c1f0a52-3b7d-4e7a-9c55-2f1d8e9a0b11', description: 'An open lot of this portfolio (GET .../lots)' })
  @IsUUID()
  lotId: string;

  @ApiProperty({ ...DECIMAL_INPUT, example: '5' })
  @IsDecimalString(QUANTITY_RULE)
  quantity: string;
}

export class CreateTransactionDto {
  @ApiProperty({ enum: TRANSACTION_TYPES, enumName: 'TransactionType', example: 'BUY' })
  @IsIn(TRANSACTION_TYPES)
  type: TransactionType;

  @ApiProperty({
    ...DATE_TIME,
    example: '2026-11-20T15:30:00Z',
    description: 'When it happened; may be in the past (history is re-derived), not in the future',
  })
  @IsPastTimestamp()
  executedAt: Date;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '10000', description: 'DEPOSIT, WITHDRAWAL, DIVIDEND, FEE: the cash amount, positive' })
  @ForTypes(['DEPOSIT', 'WITHDRAWAL', 'DIVIDEND', 'FEE'])
  @IsDecimalString(AMOUNT_RULE)
  amount?: string;

  @ApiPropertyOptional({
    ...UUID,
    example: '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987',
    description: 'BUY, SELL, TRANSFER_IN (required); DIVIDEND (optional: which holding paid it)',
  })
  @ForTypes(['BUY', 'SELL', 'TRANSFER_IN'], ['DIVIDEND'])
  @IsUUID()
  assetId?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '10', description: 'BUY, SELL, TRANSFER_IN: units, up to 8 decimals' })
  @ForTypes(['BUY', 'SELL', 'TRANSFER_IN'])
  @IsDecimalString(QUANTITY_RULE)
  quantity?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '245.17', description: 'BUY, SELL: price per unit' })
  @ForTypes(['BUY', 'SELL'])
  @IsDecimalString(PRICE_RULE)
  price?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '1.00', description: "BUY, SELL: commission; added to a BUY lot's basis, deducted from a SELL's proceeds" })
  @ForTypes([], ['BUY', 'SELL'])
  @IsDecimalString(FEE_RULE)
  fee?: string;

  @ApiPropertyOptional({ ...DECIMAL_INPUT, example: '180.00', description: 'TRANSFER_IN: cost per unit of the holding brought in' })
  @ForTypes(['TRANSFER_IN'])
  @IsDecimalString(PRICE_RULE)
  costPerUnit?: string;

  @ApiPropertyOptional({
    ...DATE_TIME,
    example: '2024-03-15T00:00:00Z',
    description: 'TRANSFER_IN: when the holding was originally acquired (sets its holding period)',
  })
  @ForTypes(['TRANSFER_IN'])
  @IsPastTimestamp()
  acquiredAt?: Date;

  @ApiPropertyOptional({
    type: [LotSelectionDto],
    maxItems: 1000,
    description:
      'SELL: the lots to relieve, adding up to quantity. Required in a SPECIFIC_ID portfolio; elsewhere optional, and it overrides the lot method for this sale',
  })
  @ForTypes([], ['SELL'])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNestedDto(() => LotSelectionDto, { each: true })
  lots?: LotSelectionDto[];
}

export class TransactionQueryDto extends PageQueryDto {}

export class TransactionResponseDto {
  @ApiProperty({ ...UUID, description: 'For a BUY or TRANSFER_IN, also the id of the lot it opened' })
  id: string;

  @ApiProperty({ ...UUID })
  portfolioId: string;

  @ApiProperty({ enum: TRANSACTION_TYPES, enumName: 'TransactionType', example: 'BUY' })
  type: TransactionType;

  @ApiProperty({ ...DATE_TIME, example: '2026-11-20T15:30:00.000Z' })
  executedAt: string;

  @ApiProperty({ ...DECIMAL, nullable: true, example: null })
  amount: string | null;

  @ApiProperty({ type: String, ...UUID, nullable: true })
  assetId: string | null;

  @ApiProperty({ ...DECIMAL, nullable: true, example: '10' })
  quantity: string | null;

  @ApiProperty({ ...DECIMAL, nullable: true, example: '245.17' })
  price: string | null;

  @ApiProperty({ ...DECIMAL, nullable: true, example: '1' })
  fee: string | null;

  @ApiProperty({ ...DECIMAL, nullable: true, example: null })
  costPerUnit: string | null;

  @ApiProperty({ type: String, ...DATE_TIME, nullable: true, example: null })
  acquiredAt: string | null;

  @ApiProperty({ type: [LotSelectionDto], maxItems: 1000, nullable: true, example: null })
  lots: LotSelectionDto[] | null;

  @ApiProperty({ ...DATE_TIME })
  createdAt: string;
}

export class TransactionListDto {
  @ApiProperty({ type: [TransactionResponseDto], maxItems: MAX_PAGE_SIZE })
  items: TransactionResponseDto[];

  @ApiProperty({ type: String, nullable: true, ...CURSOR, example: null, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor: string | null;
}

export class TransactionImportResponseDto {
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: 10_000, example: 2, description: 'How many rows were recorded: all of them' })
  imported: number;

  @ApiProperty({ ...UUID, description: "Row 1's transaction" })
  firstTransactionId: string;

  @ApiProperty({
    ...UUID,
    description:
      "The last row's transaction. The ids in between are not listed, so the answer (and its Idempotency-Key replay) stays small at 10,000 rows; GET .../transactions lists them",
  })
  lastTransactionId: string;
}
