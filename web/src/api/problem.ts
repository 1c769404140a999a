import type { components } from '../../../test/client/schema';

type ProblemDetails = components['schemas']['ProblemDetailsDto'];

export interface Problem {
  title: string;
  detail?: string;
  code?: string;
  errors?: ProblemDetails['errors'];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
  }
}

export function toProblem(body: unknown, response: Response): Problem {
  if (body && typeof body === 'object' && 'title' in body) {
    const problem = body as Partial<ProblemDetails>;
    return { title: problem.title ?? response.statusText, detail: problem.detail, code: problem.code, errors: problem.errors };
  }
  return { title: `The server answered ${response.status} ${response.statusText}`.trim() };
}

/** A problem as sentences a person can act on: title, detail, then each field and what is wrong with it. */
export function describeProblem(error: unknown): { summary: string; fields: string[] } {
  if (error instanceof ApiError) {
    const { title, detail, errors } = error.problem;
    const summary = detail && detail !== title ? `${title}: ${detail}` : title;
    return { summary, fields: (errors ?? []).map((fieldError) => `${fieldError.field}: ${fieldError.message}`) };
  }
  return { summary: error instanceof Error ? error.message : 'Something went wrong.', fields: [] };
}
