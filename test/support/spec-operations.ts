import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A JSON Schema node of the document, with its $refs and single allOf wrappers already followed. */
export type Schema = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  discriminator?: { propertyName: string; mapping: Record<string, string> };
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface SpecOperation {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  template: string;
  parameters: Parameter[];
  body: Schema | null;
  /** Whether the document asks for credentials (bearer or API key). */
  authenticated: boolean;
}

type Json = Record<string, unknown>;

const SPEC = JSON.parse(readFileSync(resolve(__dirname, '../../openapi.json'), 'utf8')) as Json;
const SCHEMAS = (SPEC.components as { schemas: Record<string, Schema> }).schemas;

/**
 * Follows $ref and the `allOf: [{ $ref }]` wrapper Nest writes around enums, keeping the wrapper's own keywords.
 * A request decimal (`oneOf` a decimal string or a JSON number) reads as its string form, pattern included, so
 * the fuzzer aims decimal trouble at it; malformedFor sends it numbers too. A discriminated oneOf stays as it
 * is: which branch applies depends on the value (forValue).
 */
export function resolveSchema(schema: Schema): Schema {
  if (schema.$ref) return resolveSchema({ ...SCHEMAS[schema.$ref.replace('#/components/schemas/', '')], ...withoutKeys(schema, ['$ref']) });
  if (schema.allOf?.length === 1) return resolveSchema({ ...resolveSchema(schema.allOf[0]), ...withoutKeys(schema, ['allOf']) });
  const text = schema.oneOf?.find((branch) => branch.type === 'string');
  if (!schema.discriminator && text && schema.oneOf?.every((branch) => branch.type === 'string' || branch.type === 'number')) {
    return resolveSchema({ ...withoutKeys(schema, ['oneOf']), ...text });
  }
  return schema;
}

/**
 * The schema a value answers to. For a discriminated oneOf (a transaction by its type): the branch its tag names,
 * with every other branch's fields as ones it leaves out, so a mutation may still add a field where it does not
 * belong, and the tag may be any of the types.
 */
export function forValue(input: Schema, value: unknown): Schema {
  const schema = resolveSchema(input);
  if (!schema.oneOf || !schema.discriminator) return schema;
  const { propertyName, mapping } = schema.discriminator;
  const tag = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[propertyName] : undefined;
  const branches = Object.values(mapping).map(($ref) => resolveSchema({ $ref }));
  const chosen = typeof tag === 'string' && mapping[tag] ? resolveSchema({ $ref: mapping[tag] }) : branches[0];
  return {
    type: 'object',
    properties: {
      ...Object.assign({}, ...branches.map((branch) => branch.properties)),
      ...chosen.properties,
      [propertyName]: { type: 'string', enum: Object.keys(mapping) },
    },
    required: chosen.required,
  };
}

function withoutKeys(schema: Schema, keys: string[]): Schema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !keys.includes(key))) as Schema;
}

/** Every operation of the committed openapi.json, in document order. */
export function specOperations(): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [template, methods] of Object.entries(SPEC.paths as Record<string, Record<string, Json>>)) {
    for (const [method, operation] of Object.entries(methods)) {
      const body = (operation.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.['application/json']?.schema;
      operations.push({
        operationId: operation.operationId as string,
        method: method as SpecOperation['method'],
        template,
        parameters: ((operation.parameters ?? []) as Array<Parameter & { schema: Schema }>).map((parameter) => ({
          name: parameter.name,
          in: parameter.in,
          required: parameter.required === true,
          schema: resolveSchema(parameter.schema),
        })),
        body: body ? resolveSchema(body) : null,
        authenticated: Array.isArray(operation.security) && operation.security.length > 0,
      });
    }
  }
  return operations;
}

/** A value the schema accepts, from its example, default or enum; the fuzzer breaks one part of it at a time. */
export function exampleOf(input: Schema): unknown {
  const schema = resolveSchema(input);
  if (schema.oneOf?.length) return exampleOf(schema.oneOf[0]);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'array':
      return schema.items ? [exampleOf(schema.items)] : [];
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, exampleOf(property)]));
    case 'boolean':
      return true;
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    default:
      if (schema.format === 'date-time') return '2026-01-05T00:00:00Z';
      if (schema.format === 'uuid') return '3f1c2b9a-8d7e-4c6b-a5f4-e3d2c1b0a987';
      return 'x';
  }
}
