import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SCOPES } from '../../auth/auth.constants';
import { UUID } from '../http/openapi-fields';

/** The documented bounds of a problem body; the filter keeps every answer within them. */
export const PROBLEM_LIMITS = { detail: 4000, instance: 4096, errors: 1000, field: 500, rule: 100, message: 500 } as const;

export class FieldErrorDto {
  @ApiProperty({ maxLength: PROBLEM_LIMITS.field, example: 'trades[2].value', description: 'Path of the offending field in the request' })
  field: string;

  @ApiProperty({ maxLength: PROBLEM_LIMITS.rule, example: 'isDecimal', description: 'Name of the rule the field breaks' })
  rule: string;

  @ApiProperty({ maxLength: PROBLEM_LIMITS.message, example: 'must have at most 8 decimal places' })
  message: string;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: 10_000,
    example: 3,
    description: "For a bulk import: the 1-based data row the field is in (the JSON array's item, or the CSV's record after the header)",
  })
  row?: number;
}

export class ProblemDetailsDto {
  @ApiProperty({ format: 'uri', maxLength: 200, example: 'urn:rebalance:problem:validation-failed', description: 'Stable URI of the problem type (RFC 9457)' })
  type: string;

  @ApiProperty({ maxLength: 100, example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ maxLength: PROBLEM_LIMITS.detail, example: 'The request is invalid: check price' })
  detail: string;

  @ApiProperty({ maxLength: PROBLEM_LIMITS.instance, example: '/api/v1/portfolios/4b0c2a4e-1f3e-4a57-9d1e-1c2f7b2f9a10/transactions' })
  instance: string;

  @ApiProperty({
    pattern: '^[A-Z][A-Z0-9_]*$',
    maxLength: 64,
    example: 'VALIDATION_FAILED',
    description: 'Stable machine-readable code; branch on this, not on prose',
  })
  code: string;

  @ApiPropertyOptional({
    pattern: '^[A-Za-z0-9._:-]{1,128}$',
    maxLength: 128,
    example: 'a6f1c1a2-3f7e-4a56-a0a9-0f2f3c1d2e4b',
    description: 'Echo of X-Request-Id',
  })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], maxItems: PROBLEM_LIMITS.errors, description: 'One entry per broken rule, for validation problems' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ ...UUID, description: 'For a ledger rule a transaction breaks (422): that transaction' })
  transactionId?: string;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: 10_000,
    example: 7,
    description: 'For a bulk import the ledger refuses (422): the 1-based data row whose transaction the history cannot hold',
  })
  row?: number;

  @ApiPropertyOptional({
    enum: SCOPES,
    enumName: 'Scope',
    isArray: true,
    maxItems: SCOPES.length,
    description: 'For INSUFFICIENT_SCOPE: the scopes the credentials lack',
  })
  missingScopes?: string[];

  @ApiPropertyOptional({
    enum: SCOPES,
    enumName: 'Scope',
    isArray: true,
    maxItems: SCOPES.length,
    description: "For SCOPE_NOT_GRANTABLE: the scopes the caller's role cannot grant",
  })
  refusedScopes?: string[];
}
