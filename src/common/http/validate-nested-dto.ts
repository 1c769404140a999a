import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ValidateBy, ValidateNested } from 'class-validator';

type DtoClass = new () => object;

function isObjectNotList(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
}

/**
 * A nested DTO, or with `each` a list of them. class-validator's ValidateNested walks into any
 * list it meets, so `{"targets":[[]]}` would pass as a list of empty lists and reach the service;
 * here every element must be an object, and the first one that is not is named.
 */
export function ValidateNestedDto(type: () => DtoClass, options: { each?: boolean } = {}): PropertyDecorator {
  const each = options.each === true;
  return applyDecorators(
    ValidateBy({
      name: 'isObject',
      validator: {
        // A value that is not a list at all is left to the property's IsArray.
        validate: (value) => (each ? !Array.isArray(value) || value.every(isObjectNotList) : isObjectNotList(value)),
        defaultMessage: (args) => {
          if (!each) return `must be an object, not ${kindOf(args?.value)}`;
          const items = args?.value as unknown[];
          const index = items.findIndex((item) => !isObjectNotList(item));
          return `must hold objects only: item ${index} is ${kindOf(items[index])}`;
        },
      },
    }),
    ValidateNested({ each }),
    Type(type),
  );
}
