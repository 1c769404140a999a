import type { DriftStatus } from './drift';

export type AlertLevel = 'WARNING' | 'CRITICAL';
/** OPEN and ACKNOWLEDGED are both unresolved: the portfolio is still out of its band. */
export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

export type AlertChange =
  | { kind: 'NONE' }
  | { kind: 'OPEN'; level: AlertLevel }
  | { kind: 'ESCALATE'; level: 'CRITICAL' }
  | { kind: 'DEESCALATE'; level: 'WARNING' }
  | { kind: 'RESOLVE' };

/**
 * What a fresh drift status does to the portfolio's unresolved alert (null
 * when it has none). An empty portfolio has nothing to rebalance, so it
 * resolves an alert like a portfolio back within tolerance.
 */
export function alertChange(unresolvedLevel: AlertLevel | null, status: DriftStatus): AlertChange {
  if (status === 'EMPTY' || status === 'WITHIN_TOLERANCE') return unresolvedLevel === null ? { kind: 'NONE' } : { kind: 'RESOLVE' };
  if (unresolvedLevel === null) return { kind: 'OPEN', level: status };
  if (unresolvedLevel === status) return { kind: 'NONE' };
  return status === 'CRITICAL' ? { kind: 'ESCALATE', level: 'CRITICAL' } : { kind: 'DEESCALATE', level: 'WARNING' };
}
