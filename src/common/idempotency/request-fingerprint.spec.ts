import { canonicalJson, requestHash } from './request-fingerprint';

describe('request fingerprint', () => {
  it('ignores key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(requestHash({ strategy: 'TO_BAND', allowSells: true })).toBe(requestHash({ allowSells: true, strategy: 'TO_BAND' }));
  });

  it('tells apart bodies that differ in a value, a type or an array order', () => {
    expect(requestHash({ amount: '10' })).not.toBe(requestHash({ amount: 10 }));
    expect(requestHash({ lines: [1, 2] })).not.toBe(requestHash({ lines: [2, 1] }));
  });

  it('treats an absent body as an empty object', () => {
    expect(requestHash(undefined)).toBe(requestHash({}));
  });
});
