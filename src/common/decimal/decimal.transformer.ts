import type { ValueTransformer } from 'typeorm';
import { Big } from './decimal';

/**
 * NUMERIC <-> Big. The pg driver returns NUMERIC as a string, so no value
 * ever passes through a JS number on its way in or out.
 */
export const decimalTransformer: ValueTransformer = {
  to(value: Big | string | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    return value instanceof Big ? value.toFixed() : new Big(value).toFixed();
  },
  from(value: string | null): Big | null {
    return value === null ? null : new Big(value);
  },
};
