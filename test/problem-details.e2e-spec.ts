import { Body, Controller, Get, Post } from '@nestjs/common';
import { IsArray, IsInt, IsString, MaxLength } from 'class-validator';
import { Public } from '../src/auth/auth.decorators';
import { IsDecimalString } from '../src/common/decimal/is-decimal.validator';
import { UuidParam } from '../src/common/http/uuid-param.decorator';
import { ValidateNestedDto } from '../src/common/http/validate-nested-dto';
import { createTestApp, type TestApp } from './support/test-app';

class ProbeLineDto {
  @IsDecimalString({ maxScale: 8, maxIntegerDigits: 12, positive: true })
  value: string;
}

class ProbeDto {
  @IsString()
  @MaxLength(20)
  name: string;

  @IsInt()
  count: number;

  @IsArray()
  @ValidateNestedDto(() => ProbeLineDto, { each: true })
  lines: ProbeLineDto[];
}

// A route that exercises the global pipeline the way the product's routes will.
@Public()
@Controller('probe')
class ProbeController {
  @Post(':id')
  echo(@UuidParam('id') id: string, @Body() body: ProbeDto): { id: string; body: ProbeDto } {
    return { id, body };
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail: password=hunter2 at /srv/app.js:42');
  }
}

const ID = '7d3b1c52-8d0a-4a36-9a1e-3f6f1f4b2c11';
const valid = { name: 'probe', count: 2, lines: [{ value: '0.1' }, { value: 12.5 }] };

describe('errors are problem+json', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ extra: { controllers: [ProbeController] } });
  });
  afterAll(() => t.close());

  function expectProblem(response: { headers: Record<string, string>; body: Record<string, unknown> }, status: number, code: string): void {
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, code, type: `urn:rebalance:problem:${code.toLowerCase().replace(/_/g, '-')}` });
    expect(typeof response.body.title).toBe('string');
    expect(typeof response.body.detail).toBe('string');
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  }

  it('accepts a valid request and normalizes decimals to strings', async () => {
    const response = await t.http().post(`/api/v1/probe/${ID}`).send(valid).expect(201);
    expect(response.body).toEqual({ id: ID, body: { name: 'probe', count: 2, lines: [{ value: '0.1' }, { value: '12.5' }] } });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await t.http().post(`/api/v1/probe/${ID}`).set('content-type', 'application/json').send('{"name": "x",');
    expectProblem(response, 400, 'MALFORMED_JSON');
    expect(response.body.detail).toBe('The request body is not valid JSON');
    expect(response.body.instance).toBe(`/api/v1/probe/${ID}`);
  });

  it('refuses unknown fields, naming them', async () => {
    const response = await t
      .http()
      .post(`/api/v1/probe/${ID}`)
      .send({ ...valid, admin: true });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual([{ field: 'admin', rule: 'whitelistValidation', message: 'should not exist' }]);
  });

  it('answers a bad UUID in the path with 400 naming the parameter', async () => {
    const response = await t.http().post('/api/v1/probe/not-a-uuid').send(valid);
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual([{ field: 'id', rule: 'isUuid', message: 'must be a UUID' }]);
  });

  it('answers wrong types field by field, with nested paths', async () => {
    const response = await t
      .http()
      .post(`/api/v1/probe/${ID}`)
      .send({ name: 42, count: '2', lines: [{ value: '1' }, { value: '1.123456789' }] });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', rule: 'isString', message: 'must be a string' },
        { field: 'count', rule: 'isInt', message: 'must be an integer number' },
        { field: 'lines[1].value', rule: 'isDecimal', message: 'must have at most 8 decimal places' },
      ]),
    );
    expect(response.body.detail).toContain('lines[1].value');
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const response = await t.http().get('/api/v1/no-such-thing?x=1');
    expectProblem(response, 404, 'ROUTE_NOT_FOUND');
    expect(response.body.detail).toBe('No route GET /api/v1/no-such-thing');
  });

  it('answers an unexpected error with a generic 500 and no internals', async () => {
    const response = await t.http().get('/api/v1/probe/boom');
    expectProblem(response, 500, 'INTERNAL_ERROR');
    expect(JSON.stringify(response.body)).not.toMatch(/hunter2|app\.js|secret internal|stack/);
  });

  it('answers an oversized body with 413', async () => {
    const response = await t
      .http()
      .post(`/api/v1/probe/${ID}`)
      .send({ ...valid, name: 'x'.repeat(200 * 1024) });
    expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('keeps a problem as large as the request within the bounds the document gives', async () => {
    const lines = Array.from({ length: 1500 }, () => ({ value: 'x' }));
    const response = await t
      .http()
      .post(`/api/v1/probe/${ID}?pad=${'x'.repeat(5000)}`)
      .send({ ...valid, lines });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.instance).toHaveLength(4096);
    expect(response.body.instance).toMatch(new RegExp(`^/api/v1/probe/${ID}\\?pad=x+…$`));
    expect(response.body.detail).toHaveLength(4000);
    expect(response.body.detail).toMatch(/^The request is invalid: check lines\[0\]\.value, lines\[1\]\.value, .*…$/);
    expect(response.body.errors).toHaveLength(1000);
    expect(response.body.errors[999]).toEqual({ field: 'lines[999].value', rule: 'isDecimal', message: expect.any(String) });
  });

  // The parser refuses before routing, so any write route can answer it, credentials or not: the document must say so.
  it.each([
    ['a route with a body', '/api/v1/auth/register'],
    ['a write route that reads no body', `/api/v1/drift-alerts/${ID}/acknowledge`],
  ])('answers an oversized body on %s with the 413 its document lists', async (_kind, path) => {
    const response = await t
      .http()
      .post(path)
      .send({ name: 'x'.repeat(200 * 1024) });
    expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['a route with a body', '/api/v1/auth/register'],
    ['a write route that reads no body', `/api/v1/drift-alerts/${ID}/acknowledge`],
  ])('answers a body in a charset the parser cannot read on %s with the 415 its document lists', async (_kind, path) => {
    const response = await t.http().post(path).set('Content-Type', 'application/json; charset=latin1').send('{}');
    expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('echoes a caller-chosen X-Request-Id and replaces an unsafe one', async () => {
    const echoed = await t.http().get('/api/v1/nowhere').set('X-Request-Id', 'partner-req-123');
    expect(echoed.headers['x-request-id']).toBe('partner-req-123');
    expect(echoed.body.requestId).toBe('partner-req-123');
    const replaced = await t.http().get('/api/v1/nowhere').set('X-Request-Id', 'bad id\twith spaces');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
