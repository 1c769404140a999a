import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppProblem, ValidationProblem, type FieldError } from '../problem/problem';
import { CommonErrorCode } from '../problem/common-errors';

/** Deepest nesting of objects and arrays a JSON body may have; the API's own bodies use four. */
export const MAX_JSON_DEPTH = 32;
/** A body full of nulls is answered with this many field errors at most. */
const MAX_ERRORS = 100;
const MAX_FIELD_LENGTH = 500;

const NUL = '\u0000';
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type RequestWithBody = IncomingMessage & { body?: unknown; query?: unknown };

function childPath(parent: string, key: string | number): string {
  const path = typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;
  return path.length > MAX_FIELD_LENGTH ? `${path.slice(0, MAX_FIELD_LENGTH - 1)}…` : path;
}

/** Why a string cannot be taken as text (PostgreSQL stores neither NUL nor unpaired surrogates), or null. */
function textViolation(text: string): Pick<FieldError, 'rule' | 'message'> | null {
  if (text.includes(NUL)) return { rule: 'noNulCharacter', message: 'must not contain a NUL character (U+0000)' };
  if (LONE_SURROGATE.test(text)) return { rule: 'wellFormedUnicode', message: 'must be well-formed Unicode (it holds a lone UTF-16 surrogate)' };
  return null;
}

class TooDeep extends Error {}

/**
 * Walks a parsed body or query, collecting what no DTO field can mean: null (an optional
 * field is left out, never null), and strings that are not storable text. Throws TooDeep
 * past MAX_JSON_DEPTH, so the walk itself stays shallow.
 */
function collect(value: unknown, path: string, depth: number, errors: FieldError[]): void {
  if (errors.length >= MAX_ERRORS) return;
  const field = path || '(body)';
  if (value === null) {
    errors.push({ field, rule: 'notNull', message: 'must not be null; leave the field out instead' });
    return;
  }
  if (typeof value === 'string') {
    const violation = textViolation(value);
    if (violation) errors.push({ field, ...violation });
    return;
  }
  if (typeof value !== 'object') return;
  if (depth > MAX_JSON_DEPTH) throw new TooDeep();
  if (Array.isArray(value)) {
    value.forEach((item, index) => collect(item, childPath(path, index), depth + 1, errors));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const violation = textViolation(key);
    if (violation) errors.push({ field, rule: violation.rule, message: `has a property name that ${violation.message}` });
    else collect(item, childPath(path, key), depth + 1, errors);
  }
}

/** The body's and query's field errors; throws JSON_TOO_DEEP first when the body nests too deep. */
export function requestShapeErrors(body: unknown, query: unknown): FieldError[] {
  const errors: FieldError[] = [];
  try {
    collect(body, '', 1, errors);
    // Query values are strings or lists of them, so only their text is at stake there.
    collect(query, '', 1, errors);
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    throw new AppProblem(CommonErrorCode.JSON_TOO_DEEP, `The request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return errors;
}

/**
 * Express middleware that runs after the JSON parser and before guards and pipes: a body
 * nested too deep is refused before anything recurses over it, and null or unstorable text
 * anywhere is a 400 naming the field, for every route and DTO alike.
 */
export function checkRequestShape(request: RequestWithBody, _response: ServerResponse, next: (error?: unknown) => void): void {
  try {
    const errors = requestShapeErrors(request.body, request.query);
    next(errors.length > 0 ? new ValidationProblem(errors) : undefined);
  } catch (error) {
    next(error);
  }
}
