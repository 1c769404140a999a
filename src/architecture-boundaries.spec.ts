import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

// ESLint loads eslint.config.mjs with a dynamic import, which Jest's VM cannot do: the probes are linted by a child
// node process, all in one, with the project's own configuration.
const LINT_PROBES = `
const { ESLint } = require('eslint');
const probes = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(probes.map(async ({ file, code }) => {
  const [result] = await eslint.lintText(code, { filePath: require('node:path').join(process.cwd(), file) });
  return result.messages.map((message) => message.ruleId + ': ' + message.message);
})).then((found) => process.stdout.write(JSON.stringify(found)));
`;

function lint(probes: Array<{ file: string; code: string }>): string[][] {
  return JSON.parse(execFileSync(process.execPath, ['-e', LINT_PROBES], { cwd: ROOT, input: JSON.stringify(probes), encoding: 'utf8' })) as string[][];
}

/**
 * The import rules of ARCHITECTURE.md, as npm run lint checks them: each deliberate violation
 * below is reported, and the same import from a place that may make it is not.
 */
describe('import boundaries in npm run lint', () => {
  const DATABASE_TYPES = "import type { DataSource, EntityManager } from 'typeorm';\nexport type Probe = [DataSource, EntityManager];\n";
  let found: string[][];

  beforeAll(() => {
    found = lint([
      {
        file: 'src/portfolio/domain/probe.ts',
        code: [
          "import { Injectable } from '@nestjs/common';",
          "import { Column } from 'typeorm';",
          "import { APP_CONFIG } from '../../config/app-config';",
          "import { Big } from '../../common/decimal/decimal';",
          "import { sumOf } from './lots';",
          "import { classValues } from '../../rebalancing/domain/what-if';",
          'export const probe = [Injectable, Column, APP_CONFIG, Big, sumOf, classValues];',
        ].join('\n'),
      },
      { file: 'src/portfolio/probe.ts', code: "import { DriftService } from '../rebalancing/drift.service';\nexport const probe = DriftService;\n" },
      {
        file: 'src/auth/probe.ts',
        code: "import { PortfoliosService } from '../portfolio/portfolios.service';\nimport { PlansService } from '../rebalancing/plans.service';\nexport const probe = [PortfoliosService, PlansService];\n",
      },
      { file: 'src/portfolio/probe.service.ts', code: DATABASE_TYPES },
      { file: 'src/portfolio/probe.repository.ts', code: DATABASE_TYPES },
    ]);
  });

  it('keeps frameworks, and everything but domain folders and the decimal toolkit, out of domain/', () => {
    expect(found[0]).toEqual([
      expect.stringContaining("'@nestjs/common' import is restricted"),
      expect.stringContaining("'typeorm' import is restricted"),
      'boundaries/dependencies: A domain/ folder imports only other domain/ folders and src/common/decimal/decimal.ts',
      'boundaries/dependencies: src/portfolio never imports src/rebalancing',
    ]);
  });

  it('keeps src/portfolio from importing src/rebalancing, and src/auth from both', () => {
    expect(found[1]).toEqual(['boundaries/dependencies: src/portfolio never imports src/rebalancing']);
    expect(found[2]).toEqual([
      'boundaries/dependencies: src/auth imports neither src/portfolio nor src/rebalancing',
      'boundaries/dependencies: src/auth imports neither src/portfolio nor src/rebalancing',
    ]);
  });

  it('lets only repositories reach the database', () => {
    expect(found[3]).toEqual([
      expect.stringContaining("'DataSource' import from 'typeorm' is restricted"),
      expect.stringContaining("'EntityManager' import from 'typeorm' is restricted"),
    ]);
    expect(found[4]).toEqual([]);
  });
});
