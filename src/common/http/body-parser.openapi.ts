import type { OpenAPIObject } from '@nestjs/swagger';
import { CommonErrorCode } from '../problem/common-errors';
import { addProblemCodes } from './api-problem-responses.decorator';

/*
 * The JSON body parser and the request-shape check run before any route: a body
 * that is not JSON is a 400 MALFORMED_JSON, one nested too deep a 400
 * JSON_TOO_DEEP, one over BODY_LIMIT a 413 PAYLOAD_TOO_LARGE, and a charset or
 * content encoding the parser cannot read a 415 UNSUPPORTED_MEDIA_TYPE,
 * whatever the route. Every operation a client sends a body with (POST, PUT,
 * PATCH, even one that reads none) can therefore answer them, so they are
 * documented here, once.
 */
const PARSER_CODES = [CommonErrorCode.MALFORMED_JSON, CommonErrorCode.JSON_TOO_DEEP, CommonErrorCode.PAYLOAD_TOO_LARGE, CommonErrorCode.UNSUPPORTED_MEDIA_TYPE];

export function documentBodyParser(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['put', 'post', 'patch'] as const) {
      const operation = pathItem[method];
      if (operation) addProblemCodes(document, operation, PARSER_CODES);
    }
  }
  return document;
}
