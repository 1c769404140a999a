import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

// ValidateNested alone walks into lists of lists ({"targets":[[]]}) and lets them through.
const VALIDATE_NESTED = {
  name: 'class-validator',
  importNames: ['ValidateNested'],
  message: 'Use ValidateNestedDto (src/common/http/validate-nested-dto.ts).',
};
// Only repositories (and the database and jobs plumbing) reach the database: ARCHITECTURE.md, "Where SQL lives".
const DATA_ACCESS_MESSAGE =
  'Only *.repository.ts files (and src/database, src/jobs) touch the database; a service passes on a Tx from src/database/unit-of-work.ts.';
const DATA_ACCESS = [
  { name: 'typeorm', importNames: ['DataSource', 'EntityManager', 'Repository', 'SelectQueryBuilder', 'QueryRunner'], message: DATA_ACCESS_MESSAGE },
  { name: '@nestjs/typeorm', importNames: ['InjectDataSource', 'InjectRepository', 'InjectEntityManager'], message: DATA_ACCESS_MESSAGE },
];
// Services take domain inputs and return domain values; controllers map DTOs with *.mapper.ts (ARCHITECTURE.md, "Mappers at the edge").
const SERVICE_DTO_MESSAGE = 'A service takes and returns domain values: define its input beside it and map the DTO in the feature’s *.mapper.ts.';
const SERVICE_DTOS = [
  { group: ['**/dto/**'], message: SERVICE_DTO_MESSAGE },
  {
    group: ['**/common/http/pagination'],
    importNames: ['PageQueryDto'],
    message: `${SERVICE_DTO_MESSAGE} Paging is PageRequest (src/common/pagination/paginate.ts).`,
  },
];
const DOMAINS = ['portfolio-domain', 'rebalancing-domain', 'domain'];
const FRAMEWORKS = {
  group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'class-validator', 'class-transformer'],
  message: 'A domain/ folder imports no framework: plain functions over plain data.',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'test/client/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { sourceType: 'module' },
      globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', module: 'writable', require: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Entities list constructors of any shape.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-console': ['error', { allow: ['error'] }],
      'no-restricted-imports': ['error', { paths: [VALIDATE_NESTED] }],
    },
  },
  // Import boundaries (ARCHITECTURE.md): the first pattern that matches classifies a file, so each domain folder comes before its module.
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.js'] } },
      'boundaries/elements': [
        { type: 'portfolio-domain', pattern: 'src/portfolio/domain' },
        { type: 'rebalancing-domain', pattern: 'src/rebalancing/domain' },
        { type: 'domain', pattern: 'src/*/domain' },
        { type: 'auth', pattern: 'src/auth' },
        { type: 'portfolio', pattern: 'src/portfolio' },
        { type: 'rebalancing', pattern: 'src/rebalancing' },
        { type: 'shared', pattern: 'src/*' },
      ],
      // The one shared file the pure core may use: big.js with the project's rounding and formatting.
      'boundaries/files': [{ category: 'pure', pattern: 'src/common/decimal/decimal.ts' }],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          // Policies apply in order; a later one that matches overrides an earlier one.
          policies: [
            {
              from: { element: { types: { anyOf: DOMAINS } } },
              disallow: { to: { element: { type: '*' } } },
              message: 'A domain/ folder imports only other domain/ folders and src/common/decimal/decimal.ts',
            },
            { from: { element: { types: { anyOf: DOMAINS } } }, allow: { to: { element: { types: { anyOf: DOMAINS } } } } },
            { from: { element: { types: { anyOf: DOMAINS } } }, allow: { to: { file: { categories: 'pure' } } } },
            {
              from: { element: { types: { anyOf: ['portfolio', 'portfolio-domain'] } } },
              disallow: { to: { element: { types: { anyOf: ['rebalancing', 'rebalancing-domain'] } } } },
              message: 'src/portfolio never imports src/rebalancing',
            },
            {
              from: { element: { type: 'auth' } },
              disallow: { to: { element: { types: { anyOf: ['portfolio', 'portfolio-domain', 'rebalancing', 'rebalancing-domain'] } } } },
              message: 'src/auth imports neither src/portfolio nor src/rebalancing',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    // The keyset paginator builds the page query the repositories hand it; scripts are one-off tools.
    ignores: ['src/**/*.repository.ts', 'src/database/**', 'src/jobs/**', 'src/common/pagination/**', 'src/scripts/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [VALIDATE_NESTED, ...DATA_ACCESS] }] },
  },
  {
    files: ['src/**/*.service.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [VALIDATE_NESTED, ...DATA_ACCESS], patterns: SERVICE_DTOS }] },
  },
  {
    files: ['src/*/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [VALIDATE_NESTED, ...DATA_ACCESS], patterns: [FRAMEWORKS] }] },
  },
  { files: ['src/common/http/validate-nested-dto.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['src/database/migration-cli.ts', 'src/scripts/**/*.ts', 'bench/**/*.ts'], rules: { 'no-console': 'off' } },
  {
    files: ['jest.config.js', 'jest.browser.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
