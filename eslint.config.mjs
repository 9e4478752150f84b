import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-bench/**',
      'node_modules/**',
      'coverage/**',
      'jest.config.js',
      'web/dist/**',
      'web/src/api/schema.d.ts',
      'test-artifacts/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    // Plain CommonJS helpers (the swc require hook used by child-process tests).
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // A client taken from a pool has no error listener while checked out: a backend terminated
    // meanwhile would end the process. src/database/checked-out-client.ts adds one.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='connect'][callee.object.name=/[pP]ool$/], CallExpression[callee.property.name='connect'][callee.object.property.name=/[pP]ool$/]",
          message:
            'Use checkOutClient(pool) or withClient(pool, …) from src/database/checked-out-client.ts: a bare pool.connect() client crashes the process when its connection is cut.',
        },
      ],
    },
  },
  {
    // Sizes a reader can hold in mind (README, rules of the codebase): no source file over 300 lines,
    // no function over 60, counted as `wc -l` counts (blank lines and comments too). Specs are exempt.
    files: ['src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': [
        'error',
        { max: 60, skipBlankLines: false, skipComments: false, IIFEs: true },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
);
