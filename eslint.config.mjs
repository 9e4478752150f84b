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
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
);
