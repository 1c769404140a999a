import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDetailsDto } from '../common/problem/problem.dto';

export class HealthIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status: 'up' | 'down';

  @ApiPropertyOptional({ type: Number, minimum: 0, example: 2, description: 'How long the check took, in milliseconds (not on a failed check)' })
  responseTime?: number;
}

export class HealthDetailsDto {
  @ApiPropertyOptional({ type: HealthIndicatorDto })
  database?: HealthIndicatorDto;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';

  @ApiProperty({ type: HealthDetailsDto, example: { database: { status: 'up' } }, description: 'Each dependency checked, by name; none on the liveness probe' })
  details: HealthDetailsDto;
}

/** The 503 of the readiness probe: a problem that also says which dependency is down. */
export class HealthProblemDto extends ProblemDetailsDto {
  @ApiProperty({ type: HealthDetailsDto, example: { database: { status: 'down' } } })
  details: HealthDetailsDto;
}
