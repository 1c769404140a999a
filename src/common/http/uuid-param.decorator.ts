import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationProblem } from '../problem/problem';

/** A UUID path parameter; anything else is a 400 naming the parameter. */
export function UuidParam(name: string): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new ValidationProblem([{ field: name, rule: 'isUuid', message: 'must be a UUID' }]),
    }),
  );
}
