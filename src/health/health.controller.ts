import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { ApiProbeProblems } from '../common/http/api-problem-responses.decorator';
import { PROBLEM_CONTENT_TYPE, AppProblem } from '../common/problem/problem';
import { HealthDto, HealthProblemDto } from './health.dto';
import { CommonErrorCode } from '../common/problem/common-errors';

@ApiTags('health')
@ApiExtraModels(HealthProblemDto)
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
  @ApiProbeProblems(CommonErrorCode.VALIDATION_FAILED)
  @ApiResponse({
    status: HttpStatus.SERVICE_UNAVAILABLE,
    description: 'The database is unavailable',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(HealthProblemDto) } } },
  })
  async readiness(): Promise<HealthDto> {
    try {
      const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
      return { status: 'ok', details: result.details as HealthDto['details'] };
    } catch {
      throw new AppProblem(CommonErrorCode.DATABASE_UNAVAILABLE, 'The database does not answer', { extensions: { details: { database: { status: 'down' } } } });
    }
  }

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers (no dependency is checked)' })
  @ApiOkResponse({ type: HealthDto, example: { status: 'ok', details: {} } })
  @ApiProbeProblems(CommonErrorCode.VALIDATION_FAILED)
  liveness(): HealthDto {
    return { status: 'ok', details: {} };
  }
}
