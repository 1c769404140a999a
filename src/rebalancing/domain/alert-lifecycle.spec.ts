import { alertChange } from './alert-lifecycle';

describe('alertChange', () => {
  it.each([
    [null, 'WITHIN_TOLERANCE', { kind: 'NONE' }],
    [null, 'EMPTY', { kind: 'NONE' }],
    [null, 'WARNING', { kind: 'OPEN', level: 'WARNING' }],
    [null, 'CRITICAL', { kind: 'OPEN', level: 'CRITICAL' }],
    ['WARNING', 'WARNING', { kind: 'NONE' }],
    ['CRITICAL', 'CRITICAL', { kind: 'NONE' }],
    ['WARNING', 'CRITICAL', { kind: 'ESCALATE', level: 'CRITICAL' }],
    ['CRITICAL', 'WARNING', { kind: 'DEESCALATE', level: 'WARNING' }],
    ['WARNING', 'WITHIN_TOLERANCE', { kind: 'RESOLVE' }],
    ['CRITICAL', 'WITHIN_TOLERANCE', { kind: 'RESOLVE' }],
    ['CRITICAL', 'EMPTY', { kind: 'RESOLVE' }],
  ] as const)('an unresolved %s alert meeting status %s: %j', (level, status, expected) => {
    expect(alertChange(level, status)).toEqual(expected);
  });
});
