/** The line that marks a README code block as part of the walk-through. */
export const WALKTHROUGH_MARK = '<!-- walkthrough -->';
/** The address the README's examples use; the runner points them at the server under test. */
export const README_BASE_URL = 'http://localhost:3000';

/**
 * The README's walk-through as one bash script: every ```bash block right after the mark, in
 * order, against baseUrl. curl fails on an HTTP error status (4xx, 5xx) and the script stops at
 * the first failing command, so an example that no longer works as written fails the run.
 */
export function walkthroughScript(readme: string, baseUrl: string): string {
  const blocks = [...readme.matchAll(new RegExp(`^${WALKTHROUGH_MARK}\\n\`\`\`bash\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((match) => match[1]);
  if (blocks.length === 0) throw new Error(`the README has no block marked ${WALKTHROUGH_MARK}`);
  return [
    'set -euo pipefail',
    // --fail-with-body: an error status fails the command and still prints the problem body to read.
    'curl() { command curl --fail-with-body --show-error "$@"; echo; }',
    ...blocks.map((block) => block.replaceAll(README_BASE_URL, baseUrl)),
  ].join('\n');
}
