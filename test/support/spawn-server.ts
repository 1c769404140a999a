import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const MAIN_JS = resolve(__dirname, '../../dist/src/main.js');

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the port once the server says it listens. */
  listening: Promise<number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built server (`npm start` without the build step) as its own process. */
export function spawnServer(env: NodeJS.ProcessEnv): ServerProcess {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run npm run build first (npm test does)`);
  const child = spawn(process.execPath, [MAIN_JS], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  const listening = new Promise<number>((done, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) done(Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(({ code }) => fail(new Error(`server exited with ${code} before listening:\n${output}`)));
  });
  listening.catch(() => undefined);
  return { child, output: () => output, listening, exited };
}
