import { Injectable, type PipeTransform, type Type } from '@nestjs/common';
import { stripProtoKeys } from '@nestjs/common/utils/strip-proto-keys.util';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppProblem, ValidationProblem, type FieldError } from '../problem/problem';
import { flattenValidationErrors } from '../problem/validation-errors';
import { CommonErrorCode } from '../problem/common-errors';

/**
 * Validates a JSON array body item by item with the same rules as the global
 * pipe, reporting every bad row by index (`[3].price`), so a caller can fix
 * them all in one go.
 */
@Injectable()
export class ValidateArrayPipe<T extends object> implements PipeTransform<unknown, Promise<T[]>> {
  constructor(
    private readonly itemType: Type<T>,
    private readonly limits: { minItems: number; maxItems: number },
  ) {}

  async transform(value: unknown): Promise<T[]> {
    if (!Array.isArray(value)) {
      throw new ValidationProblem([{ field: '(body)', rule: 'isArray', message: 'must be a JSON array' }]);
    }
    if (value.length < this.limits.minItems) {
      throw new ValidationProblem([{ field: '(body)', rule: 'arrayMinSize', message: `must contain at least ${this.limits.minItems} item(s)` }]);
    }
    if (value.length > this.limits.maxItems) {
      throw new AppProblem(CommonErrorCode.TOO_MANY_ITEMS, `At most ${this.limits.maxItems} items per request; got ${value.length}`);
    }
    // As the global ValidationPipe does first: class-transformer would call a row's own `constructor` key as a class.
    stripProtoKeys(value);
    const items = value.map((item: unknown) => plainToInstance(this.itemType, item));
    const errors: FieldError[] = [];
    for (const [index, item] of items.entries()) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        errors.push({ field: `[${index}]`, rule: 'isObject', message: 'must be an object' });
        continue;
      }
      const itemErrors = await validate(item, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
      errors.push(...flattenValidationErrors(itemErrors, `[${index}]`));
    }
    if (errors.length > 0) throw new ValidationProblem(errors);
    return items;
  }
}
