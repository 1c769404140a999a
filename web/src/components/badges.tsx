import type { Schemas } from '../api/client';

type Tone = 'ok' | 'warn' | 'bad' | 'muted' | 'info';

const STATUS: Record<Schemas['DriftStatus'], { label: string; tone: Tone; mark: string }> = {
  WITHIN_TOLERANCE: { label: 'Within tolerance', tone: 'ok', mark: '✓' },
  WARNING: { label: 'Warning', tone: 'warn', mark: '!' },
  CRITICAL: { label: 'Critical', tone: 'bad', mark: '‼' },
  EMPTY: { label: 'No targets or value', tone: 'muted', mark: '–' },
};

/** Colour plus text plus a mark: status is never told by colour alone. */
export function Badge({ tone, mark, children }: { tone: Tone; mark?: string; children: string }) {
  return (
    <span className={`badge badge-${tone}`}>
      {mark && <span aria-hidden="true">{mark} </span>}
      {children}
    </span>
  );
}

export function StatusBadge({ status }: { status: Schemas['DriftStatus'] }) {
  const { label, tone, mark } = STATUS[status];
  return (
    <Badge tone={tone} mark={mark}>
      {label}
    </Badge>
  );
}

export function LevelBadge({ level }: { level: Schemas['DriftLevel'] | Schemas['AlertLevel'] }) {
  return <StatusBadge status={level} />;
}

const ALERT: Record<Schemas['AlertStatus'], { label: string; tone: Tone }> = {
  OPEN: { label: 'Open', tone: 'bad' },
  ACKNOWLEDGED: { label: 'Acknowledged', tone: 'info' },
  RESOLVED: { label: 'Resolved', tone: 'ok' },
};

export function AlertStatusBadge({ status }: { status: Schemas['AlertStatus'] }) {
  return <Badge tone={ALERT[status].tone}>{ALERT[status].label}</Badge>;
}

const PLAN: Record<Schemas['PlanStatus'], { label: string; tone: Tone }> = {
  PENDING: { label: 'Pending review', tone: 'info' },
  EXECUTED: { label: 'Executed', tone: 'ok' },
  PARTIALLY_EXECUTED: { label: 'Partially executed', tone: 'warn' },
  CANCELLED: { label: 'Cancelled', tone: 'muted' },
};

export function PlanStatusBadge({ status }: { status: Schemas['PlanStatus'] }) {
  return <Badge tone={PLAN[status].tone}>{PLAN[status].label}</Badge>;
}

export function TermBadge({ term }: { term: Schemas['Term'] }) {
  return <Badge tone={term === 'LONG' ? 'ok' : 'warn'}>{term === 'LONG' ? 'Long-term' : 'Short-term'}</Badge>;
}
