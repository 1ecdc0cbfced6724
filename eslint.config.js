import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'schema/generated/', '.data/', 'coverage/', 'gateway/ide/dist/', 'test-artifacts/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  {
    // The operator console's browser scripts.
    files: ['gateway/console/*.js'],
    languageOptions: {
      globals: { document: 'readonly', fetch: 'readonly', sessionStorage: 'readonly', setInterval: 'readonly', Map: 'readonly' },
    },
  },
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^\\$(queryRawUnsafe|executeRawUnsafe)$/]',
          message: 'Unsafe raw SQL: use tagged $queryRaw with parameters.',
        },
      ],
    },
  },
  {
    // Layering (ARCHITECTURE.md): nothing imports the gateway; subgraphs never import each other's folders.
    files: ['subgraphs/**/*.ts', 'adapters/**/*.ts', 'schema/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/gateway/**'], message: 'Nothing imports the gateway.' }] }] },
  },
  {
    files: ['schema/**/*.ts', 'adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/gateway/**', '**/subgraphs/**'], message: 'schema/ and adapters/ sit below subgraphs and the gateway.' }] },
      ],
    },
  },
);
