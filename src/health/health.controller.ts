import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/http/api-problem-responses.decorator';
import { ProblemException } from '../common/problem/problem';
import { HealthDto } from './health.dto';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getHealth', summary: 'Readiness: the app and its database' })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblemResponses(400, 503)
  async readiness(): Promise<HealthDto> {
    try {
      const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
      return { status: 'ok', details: result.details as HealthDto['details'] };
    } catch {
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'DATABASE_UNAVAILABLE', 'The database does not answer', undefined, {
        details: { database: { status: 'down' } },
      });
    }
  }

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers (no dependency is checked)' })
  @ApiOkResponse({ type: HealthDto, example: { status: 'ok', details: {} } })
  @ApiProblemResponses(400)
  liveness(): HealthDto {
    return { status: 'ok', details: {} };
  }
}
