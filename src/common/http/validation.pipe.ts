import { ValidationPipe } from '@nestjs/common';
import { ValidationProblem } from '../problem/problem';
import { flattenValidationErrors } from '../problem/validation-errors';

/** Whitelisting, unknown fields refused, DTOs instantiated; failures as problem+json. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(flattenValidationErrors(errors)),
  });
}
