import { redactUrl } from './redact-url';

describe('redactUrl: credentials in a query string stay out of the request log', () => {
  it.each([
    ['/api/v1/auth/me?api_key=rb_live_abc', '/api/v1/auth/me?api_key=[REDACTED]'],
    ['/api/v1/auth/me?access_token=eyJhbGciOiJIUzI1NiJ9.e30.sig', '/api/v1/auth/me?access_token=[REDACTED]'],
    ['/api/v1/portfolios?token=abc&limit=5', '/api/v1/portfolios?token=[REDACTED]&limit=5'],
    ['/x?limit=5&X-API-Key=rb_live_abc&cursor=eyJrIjoxfQ', '/x?limit=5&X-API-Key=[REDACTED]&cursor=eyJrIjoxfQ'],
    [
      '/x?apiKey=1&accessToken=2&client_secret=3&password=4&jwt=5',
      '/x?apiKey=[REDACTED]&accessToken=[REDACTED]&client_secret=[REDACTED]&password=[REDACTED]&jwt=[REDACTED]',
    ],
    ['/x?api%5Fkey=rb_live_abc', '/x?api%5Fkey=[REDACTED]'],
    ['/x?API_KEY=a&api_key=b', '/x?API_KEY=[REDACTED]&api_key=[REDACTED]'],
    ['/x?token=a=b=c', '/x?token=[REDACTED]'],
    ['/x?%E0%A4%A=1&token=2', '/x?%E0%A4%A=1&token=[REDACTED]'],
  ])('%s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it.each(['/api/v1/portfolios', '/api/v1/assets?symbolPrefix=VT&assetType=stock&limit=5&cursor=abc', '/x?token', '/x?'])('leaves %s as it is', (url) => {
    expect(redactUrl(url)).toBe(url);
  });
});
