import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
      // ValidateNested alone walks into lists of lists ({"targets":[[]]}) and lets them through.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'class-validator', importNames: ['ValidateNested'], message: 'Use ValidateNestedDto (src/common/http/validate-nested-dto.ts).' }] },
      ],
    },
  },
  { files: ['src/common/http/validate-nested-dto.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['src/database/migration-cli.ts', 'src/scripts/**/*.ts', 'bench/**/*.ts'], rules: { 'no-console': 'off' } },
  {
    files: ['jest.config.js', 'jest.browser.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
