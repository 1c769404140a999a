import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { Big, decimalParts, normalizeDecimalInput } from './decimal';

export interface DecimalRule {
  /** Most digits after the point. */
  maxScale: number;
  /** Most digits before the point. */
  maxIntegerDigits: number;
  /** Inclusive lower bound, as a decimal string. */
  min?: string;
  /** Inclusive upper bound, as a decimal string. */
  max?: string;
  /** Refuse zero and below. */
  positive?: boolean;
}

export const IS_DECIMAL = 'isDecimal';

/** Why a value breaks the rule, or null when it keeps it. */
export function decimalRuleViolation(value: unknown, rule: DecimalRule): string | null {
  const parts = decimalParts(value);
  if (!parts) return 'must be a decimal number such as "1234.56" (a string or a JSON number)';
  if (parts.scale > rule.maxScale) return `must have at most ${rule.maxScale} decimal places`;
  if (parts.integerDigits > rule.maxIntegerDigits) return `must have at most ${rule.maxIntegerDigits} digits before the decimal point`;
  const decimal = new Big(normalizeDecimalInput(value) as string);
  if (rule.positive && decimal.lte(0)) return 'must be greater than 0';
  if (rule.min !== undefined && decimal.lt(rule.min)) return `must be at least ${rule.min}`;
  if (rule.max !== undefined && decimal.gt(rule.max)) return `must be at most ${rule.max}`;
  return null;
}

/**
 * A decimal request field: accepts "12.50" or 12.5, checks scale, magnitude
 * and bounds exactly, and hands the service a normalized decimal string.
 */
export function IsDecimalString(rule: DecimalRule, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => normalizeDecimalInput(value)),
    ValidateBy(
      {
        name: IS_DECIMAL,
        constraints: [rule],
        validator: {
          validate: (value) => decimalRuleViolation(value, rule) === null,
          defaultMessage: (args) => `${args?.property} ${decimalRuleViolation(args?.value, rule)}`,
        },
      },
      options,
    ),
  );
}
