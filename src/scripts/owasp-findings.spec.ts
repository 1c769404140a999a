import { type SpectralFinding, unexpectedErrors } from './owasp-findings';

const error = (code: string, ...path: string[]): SpectralFinding => ({ code, path, message: 'm', severity: 0 });

describe('the OWASP acceptance check', () => {
  it('accepts only the listed errors, where they are listed', () => {
    const findings = [
      error('owasp:api8:2023-define-cors-origin', 'paths', '/api/v1/portfolios', 'get', 'responses', '200', 'headers'),
      error('owasp:api2:2023-write-restricted', 'paths', '/api/v1/auth/login', 'post'),
      error('owasp:api4:2023-rate-limit', 'paths', '/api/v1/health/live', 'get', 'responses', '200'),
      { ...error('owasp:api4:2023-string-restricted', 'components', 'schemas', 'X'), severity: 1 },
    ];
    expect(unexpectedErrors(findings)).toEqual([]);
    expect(
      unexpectedErrors([
        error('owasp:api4:2023-rate-limit', 'paths', '/api/v1/portfolios', 'get', 'responses', '401'),
        error('owasp:api2:2023-write-restricted', 'paths', '/api/v1/portfolios', 'post'),
      ]),
    ).toEqual([
      'owasp:api4:2023-rate-limit at paths./api/v1/portfolios.get.responses.401: m',
      'owasp:api2:2023-write-restricted at paths./api/v1/portfolios.post: m',
    ]);
  });
});
