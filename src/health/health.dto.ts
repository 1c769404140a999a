import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status: 'up' | 'down';
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
