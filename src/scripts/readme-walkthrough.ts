import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { walkthroughScript } from './walkthrough/readme-walkthrough';

const README = resolve(__dirname, '../../../README.md');

/**
 * `node dist/src/scripts/readme-walkthrough.js http://127.0.0.1:3000`: runs the README's
 * walk-through against a running server with bash, printing each command as it runs. Needs
 * ADMIN_EMAIL and ADMIN_PASSWORD, the operator admin that server was started with.
 */
function main(): void {
  const baseUrl = process.argv[2];
  if (!baseUrl || !/^https?:\/\/[^/]+$/.test(baseUrl)) {
    console.error('usage: node dist/src/scripts/readme-walkthrough.js http://HOST:PORT');
    process.exit(2);
  }
  if (!process.env.ADMIN_EMAIL || !process.env.ADMIN_PASSWORD) {
    console.error('ADMIN_EMAIL and ADMIN_PASSWORD must be those of the operator admin the server was started with');
    process.exit(2);
  }
  const script = walkthroughScript(readFileSync(README, 'utf8'), baseUrl);
  const run = spawnSync('bash', ['-x', '-c', script], { stdio: 'inherit', env: process.env });
  if (run.status !== 0) {
    console.error(`\nThe README walk-through failed (bash exit ${run.status ?? run.signal}): the command traced last above no longer works as written.`);
    process.exit(1);
  }
  console.log('\nThe README walk-through ran as written.');
}

main();
