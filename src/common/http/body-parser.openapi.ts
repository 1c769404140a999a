import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem';
import { ProblemDetailsDto } from '../problem/problem.dto';

/**
 * The JSON body parser runs before any route and answers 413 PAYLOAD_TOO_LARGE
 * to a body over BODY_LIMIT, whatever the route. Every operation a client sends
 * a body with (POST, PUT, PATCH, even one that reads none) can therefore
 * answer it, so it is documented here, once, where a handler did not already.
 */
export function documentBodyLimit(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['put', 'post', 'patch'] as const) {
      const operation = pathItem[method];
      if (!operation || operation.responses['413']) continue;
      operation.responses['413'] = {
        description: 'The request body is larger than the server accepts (BODY_LIMIT)',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      };
    }
  }
  return document;
}
