import { AppProblem } from '../problem/problem';
import { MAX_JSON_DEPTH, requestShapeErrors } from './request-shape';

const nestedArrays = (depth: number): unknown => (depth === 1 ? [] : [nestedArrays(depth - 1)]);

describe('requestShapeErrors: what no request field can hold', () => {
  it('passes an ordinary body and query, emoji and accents included', () => {
    expect(
      requestShapeErrors({ name: 'Retraite 🏖️ (été)', targets: [{ assetType: 'stock', targetPercentage: '60' }], flag: false, count: 0 }, { limit: '5' }),
    ).toEqual([]);
    expect(requestShapeErrors(undefined, {})).toEqual([]);
  });

  it('names every null by its path', () => {
    expect(requestShapeErrors({ name: null, targets: [{ relativeTolerancePercentage: null }, null] }, {})).toEqual([
      { field: 'name', rule: 'notNull', message: 'must not be null; leave the field out instead' },
      { field: 'targets[0].relativeTolerancePercentage', rule: 'notNull', message: 'must not be null; leave the field out instead' },
      { field: 'targets[1]', rule: 'notNull', message: 'must not be null; leave the field out instead' },
    ]);
    expect(requestShapeErrors([{ price: null }], {})).toEqual([
      { field: '[0].price', rule: 'notNull', message: 'must not be null; leave the field out instead' },
    ]);
  });

  it('refuses NUL characters and lone surrogates in values, property names and the query', () => {
    expect(
      requestShapeErrors(
        { email: 'a\u0000@example.com', 'x\u0000': 1, lines: ['\ud800', 'ok \udc00 after', '\udbff\udfff'] },
        { symbolPrefix: 'A\u0000', list: ['\udc00'] },
      ),
    ).toEqual([
      { field: 'email', rule: 'noNulCharacter', message: 'must not contain a NUL character (U+0000)' },
      { field: '(body)', rule: 'noNulCharacter', message: 'has a property name that must not contain a NUL character (U+0000)' },
      { field: 'lines[0]', rule: 'wellFormedUnicode', message: 'must be well-formed Unicode (it holds a lone UTF-16 surrogate)' },
      { field: 'lines[1]', rule: 'wellFormedUnicode', message: 'must be well-formed Unicode (it holds a lone UTF-16 surrogate)' },
      { field: 'symbolPrefix', rule: 'noNulCharacter', message: 'must not contain a NUL character (U+0000)' },
      { field: 'list[0]', rule: 'wellFormedUnicode', message: 'must be well-formed Unicode (it holds a lone UTF-16 surrogate)' },
    ]);
  });

  it(`reads ${MAX_JSON_DEPTH} levels of nesting and refuses one more with JSON_TOO_DEEP`, () => {
    expect(requestShapeErrors(nestedArrays(MAX_JSON_DEPTH), {})).toEqual([]);
    expect(requestShapeErrors({ a: nestedArrays(MAX_JSON_DEPTH - 1) }, {})).toEqual([]);

    const tooDeep = () => requestShapeErrors({ name: null, a: nestedArrays(MAX_JSON_DEPTH) }, {});
    expect(tooDeep).toThrow(AppProblem);
    expect(tooDeep).toThrow(expect.objectContaining({ code: 'JSON_TOO_DEEP', detail: 'The request body nests deeper than 32 levels' }));
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => requestShapeErrors(deep, {})).toThrow(expect.objectContaining({ code: 'JSON_TOO_DEEP' }));
  });

  it('lists at most 100 errors, and cuts a path longer than 500 characters', () => {
    expect(
      requestShapeErrors(
        Array.from({ length: 1000 }, () => null),
        {},
      ),
    ).toHaveLength(100);
    const [error] = requestShapeErrors({ ['k'.repeat(1000)]: null }, {});
    expect(error.field).toHaveLength(500);
    expect(error.field.endsWith('…')).toBe(true);
  });
});
