import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { acceptedSummary, type SpectralFinding, unexpectedErrors } from './owasp-findings';

const ROOT = resolve(__dirname, '../../..');

/**
 * Lints openapi.json with the OWASP ruleset as published (.spectral-owasp.yaml,
 * no exemptions) and fails on any error but the accepted ones. Run through npm
 * (npm run lint:api:check), which puts Spectral on the PATH.
 */
function main(): void {
  const run = spawnSync('spectral', ['lint', 'openapi.json', '--ruleset', '.spectral-owasp.yaml', '--format', 'json', '--quiet'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let findings: SpectralFinding[];
  try {
    // stdout is null when spectral could not be started (not run through npm, so not on the PATH).
    findings = JSON.parse(run.stdout ?? '') as SpectralFinding[];
  } catch {
    process.stderr.write(`spectral did not report JSON (exit ${run.status}):\n${run.stdout}${run.stderr}${run.error ? String(run.error) : ''}\n`);
    process.exit(1);
  }
  const unexpected = unexpectedErrors(findings);
  if (unexpected.length > 0) {
    process.stderr.write(`OWASP ruleset: ${unexpected.length} error(s) beyond the accepted ones:\n${unexpected.map((line) => `  ${line}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `OWASP ruleset: no errors beyond the accepted ones:\n${acceptedSummary(findings)
      .map((line) => `  ${line}`)
      .join('\n')}\n`,
  );
}

main();
