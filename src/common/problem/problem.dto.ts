import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'trades[2].value', description: 'Path of the offending field in the request' })
  field: string;

  @ApiProperty({ example: 'isDecimal', description: 'Name of the rule the field breaks' })
  rule: string;

  @ApiProperty({ example: 'must have at most 8 decimal places' })
  message: string;
}

export class ProblemDetailsDto {
  @ApiProperty({ example: 'urn:rebalance:problem:validation-failed', description: 'Stable URI of the problem type (RFC 9457)' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'The request is invalid: check price' })
  detail: string;

  @ApiProperty({ example: '/api/v1/portfolios/4b0c2a4e-1f3e-4a57-9d1e-1c2f7b2f9a10/transactions' })
  instance: string;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code; branch on this, not on prose' })
  code: string;

  @ApiPropertyOptional({ example: 'a6f1c1a2-3f7e-4a56-a0a9-0f2f3c1d2e4b', description: 'Echo of X-Request-Id' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'One entry per broken rule, for validation problems' })
  errors?: FieldErrorDto[];
}
