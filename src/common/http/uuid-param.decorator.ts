import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ValidationProblem } from '../problem/problem';
import { UUID } from './openapi-fields';

/** A UUID path parameter, documented as one; anything else is a 400 naming the parameter. */
export function UuidParam(name: string): ParameterDecorator {
  const param = Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new ValidationProblem([{ field: name, rule: 'isUuid', message: 'must be a UUID' }]),
    }),
  );
  return (target, key, index) => {
    param(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) ApiParam({ name, schema: { type: 'string', ...UUID } })(target, key, descriptor);
  };
}
