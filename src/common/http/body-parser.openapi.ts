import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem';
import { ProblemDetailsDto } from '../problem/problem.dto';

const PARSER_ANSWERS = {
  413: 'The request body is larger than the server accepts (BODY_LIMIT)',
  415: 'The request body is in a charset or encoding the server cannot read (send UTF-8 JSON)',
};

/**
 * The JSON body parser runs before any route: it answers 413 PAYLOAD_TOO_LARGE
 * to a body over BODY_LIMIT and 415 UNSUPPORTED_MEDIA_TYPE to a charset or
 * content encoding it cannot read, whatever the route. Every operation a
 * client sends a body with (POST, PUT, PATCH, even one that reads none) can
 * therefore answer both, so they are documented here, once, where a handler
 * did not already.
 */
export function documentBodyParser(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['put', 'post', 'patch'] as const) {
      const operation = pathItem[method];
      if (!operation) continue;
      for (const [status, description] of Object.entries(PARSER_ANSWERS)) {
        operation.responses[status] ??= { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } } };
      }
    }
  }
  return document;
}
