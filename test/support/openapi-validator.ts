import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

interface Route {
  template: string;
  pattern: RegExp;
  /** Literal segments win over parameters when two templates match one path. */
  literalSegments: number;
  operations: Record<string, Operation>;
}

const SPEC_FILE = resolve(__dirname, '../../openapi.json');
const PROBLEM_SCHEMA = { $ref: '#/components/schemas/ProblemDetailsDto' };

/**
 * A copy of a schema that refuses what the document does not promise:
 * undocumented properties fail, and OpenAPI 3.0's nullable becomes a JSON
 * Schema alternative so it also works beside $ref and allOf.
 */
function strictCopy(node: unknown, inAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((item) => strictCopy(item));
  if (node === null || typeof node !== 'object') return node;
  const { nullable, example: _example, examples: _examples, ...rest } = node as Json;
  const copy: Json = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [
      key,
      key === 'properties' ? mapValues(value as Json) : key === 'allOf' ? (value as unknown[]).map((part) => strictCopy(part, true)) : strictCopy(value),
    ]),
  );
  // A part of an allOf that only narrows (a problem's code to the codes of one answer) cannot list every
  // property; the part it narrows (ProblemDetailsDto, closed like every component) still refuses the rest.
  if (copy.properties !== undefined && copy.additionalProperties === undefined && !inAllOf) copy.additionalProperties = false;
  if (Array.isArray(copy.enum) && nullable === true) copy.enum = [...copy.enum, null];
  return nullable === true ? { anyOf: [{ type: 'null' }, copy] } : copy;
}

function mapValues(properties: Json): Json {
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, strictCopy(value)]));
}

class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(spec: Json) {
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ components: strictCopy(spec.components) }, 'openapi');
    this.routes = Object.entries(spec.paths as Record<string, Record<string, Operation>>)
      .map(([template, operations]) => ({
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        literalSegments: template.split('/').filter((segment) => segment !== '' && !segment.startsWith('{')).length,
        operations,
      }))
      .sort((a, b) => b.literalSegments - a.literalSegments);
  }

  private compile(key: string, schema: Json): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      // Local $refs in operation schemas point into the components added above.
      const rewritten = JSON.parse(JSON.stringify(strictCopy(schema)).replaceAll('"#/components/', '"openapi#/components/')) as Json;
      validate = this.ajv.compile(rewritten);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /** Why the response breaks the document, or null when it keeps it. */
  check(method: string, url: string, status: number, contentType: string | undefined, body: unknown, text: string | undefined): string | null {
    const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
    const mediaType = contentType?.split(';')[0].trim();
    const route = this.routes.find((candidate) => candidate.pattern.test(path) && candidate.operations[method] !== undefined);
    const where = `${method.toUpperCase()} ${path} → ${status}`;
    if (!route) {
      // The document is generated from every controller, so a route outside it is unknown (answered with
      // the shared problem body) or a probe a test mounted through createTestApp's extra option.
      if (mediaType !== 'application/problem+json') return null;
      return this.validate(`unrouted ${status}`, PROBLEM_SCHEMA, body, where);
    }
    const responses = route.operations[method].responses;
    const response = responses[String(status)] ?? responses.default;
    if (!response) return `${where}: status ${status} is not documented`;
    const hasBody = text !== undefined && text !== '';
    if (!response.content) return hasBody ? `${where}: the document promises no body, but one came (${mediaType})` : null;
    if (!mediaType || !response.content[mediaType])
      return `${where}: content type ${mediaType ?? '(none)'} is not documented (${Object.keys(response.content).join(', ')})`;
    const schema = response.content[mediaType].schema;
    if (!schema) return `${where}: no schema documented for ${mediaType}`;
    // A JSON answer is checked parsed; any other (text/csv) as the text that came.
    return this.validate(`${method} ${route.template} ${status} ${mediaType}`, schema, mediaType.endsWith('json') ? body : text, where);
  }

  private validate(key: string, schema: Json, body: unknown, where: string): string | null {
    const validate = this.compile(key, schema);
    if (validate(body)) return null;
    const errors = (validate.errors ?? []).map(
      (error) => `${error.instancePath || '(body)'} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`,
    );
    return `${where}: the body does not match the document:\n  ${errors.join('\n  ')}\nbody: ${JSON.stringify(body).slice(0, 2000)}`;
  }
}

let shared: OpenApiValidator | undefined;

/** The validator for the committed openapi.json, built once per test file. */
export function openApiValidator(): OpenApiValidator {
  shared ??= new OpenApiValidator(JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Json);
  return shared;
}
