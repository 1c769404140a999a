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

/** Follows $ref and the `allOf: [{ $ref }]` wrapper Nest writes around enums, keeping the wrapper's own keywords. */
export function resolveSchema(schema: Schema): Schema {
  if (schema.$ref) return resolveSchema({ ...SCHEMAS[schema.$ref.replace('#/components/schemas/', '')], ...withoutKeys(schema, ['$ref']) });
  if (schema.allOf?.length === 1) return resolveSchema({ ...resolveSchema(schema.allOf[0]), ...withoutKeys(schema, ['allOf']) });
  return schema;
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
