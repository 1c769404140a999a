/** One result of `spectral lint --format json`; severity 0 is an error. */
export interface SpectralFinding {
  code: string;
  path: string[];
  message: string;
  severity: number;
}

const ERROR = 0;

/**
 * The errors the unmodified OWASP ruleset may report, and why each is accepted.
 * Anything else is a regression of the document.
 */
const ACCEPTED: Array<{ code: string; paths: string[] | 'anywhere'; why: string }> = [
  {
    code: 'owasp:api8:2023-define-cors-origin',
    paths: 'anywhere',
    why: 'CORS is set per deployment (CORS_ORIGINS) and answered to browsers, not part of an operation',
  },
  {
    code: 'owasp:api2:2023-write-restricted',
    paths: ['/api/v1/auth/register', '/api/v1/auth/login'],
    why: 'register and login come before any credential exists; they are throttled per address and per email instead',
  },
  {
    code: 'owasp:api4:2023-rate-limit',
    paths: ['/api/v1/health', '/api/v1/health/live'],
    why: 'the health probes are never rate limited, so a load balancer or orchestrator always gets an answer',
  },
];

function accepted(finding: SpectralFinding): boolean {
  return ACCEPTED.some(
    (rule) => rule.code === finding.code && (rule.paths === 'anywhere' || (finding.path[0] === 'paths' && rule.paths.includes(finding.path[1]))),
  );
}

/** The errors that are not accepted above, as lines for a person to read. */
export function unexpectedErrors(findings: SpectralFinding[]): string[] {
  return findings
    .filter((finding) => finding.severity === ERROR && !accepted(finding))
    .map((finding) => `${finding.code} at ${finding.path.join('.')}: ${finding.message}`);
}

/** Accepted errors by rule, with the reason, for the summary. */
export function acceptedSummary(findings: SpectralFinding[]): string[] {
  return ACCEPTED.map((rule) => {
    const count = findings.filter((finding) => finding.severity === ERROR && finding.code === rule.code && accepted(finding)).length;
    return `${count} x ${rule.code}: ${rule.why}`;
  });
}
