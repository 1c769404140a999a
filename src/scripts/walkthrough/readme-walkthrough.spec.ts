import { walkthroughScript } from './readme-walkthrough';

const README = [
  '# Title',
  '```bash',
  'npm start   # not marked: the reader runs it, not the walk-through',
  '```',
  '<!-- walkthrough -->',
  '```bash',
  'API=http://localhost:3000/api/v1',
  'curl -s $API/health',
  '```',
  'Prose between the steps.',
  '<!-- walkthrough -->',
  '```bash',
  'curl -s http://localhost:3000/docs-json',
  '```',
].join('\n');

describe('the README walk-through script', () => {
  it('takes the marked bash blocks in order, pointed at the server under test', () => {
    const script = walkthroughScript(README, 'http://127.0.0.1:4123');

    expect(script.split('\n').slice(2)).toEqual(['API=http://127.0.0.1:4123/api/v1', 'curl -s $API/health', '', 'curl -s http://127.0.0.1:4123/docs-json', '']);
    expect(script).not.toContain('npm start');
  });

  it('stops at the first failing command, and curl fails on an HTTP error status', () => {
    const [strict, curl] = walkthroughScript(README, 'http://127.0.0.1:1').split('\n');

    expect(strict).toBe('set -euo pipefail');
    expect(curl).toContain('--fail-with-body');
  });

  it('refuses a README without a marked block', () => {
    expect(() => walkthroughScript('```bash\necho hi\n```', 'http://127.0.0.1:1')).toThrow('no block marked');
  });
});
