import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  // The layout is the architecture (README, Architecture): the gateway core (src/) knows no
  // connector but through its composition root (src/main/), and neither the mocks nor the
  // tester toolkit; the mocks stand alone (they are the providers, not the gateway); the
  // toolkit drives the gateway through its public HTTP API and only starts it via src/main.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/connectors', '**/connectors/**'], message: 'Only the composition root (src/main/) imports connectors.' },
            ...outside('src'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: outside('src') }] },
  },
  {
    files: ['mocks/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**', '**/connectors', '**/connectors/**', '**/toolkit/**'],
              message: 'The mocks stand alone: they are the providers, not the gateway.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['connectors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/main/**', '**/mocks/**', '**/toolkit/**'],
              message: 'Connectors are declarations: they use the connector kit and protocols, never the composition, mocks or toolkit.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['toolkit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src/(?!(main/start-roles|infra/ensure-redis|infra/throwaway-prefix)$)',
              message:
                'The toolkit uses the gateway through its public HTTP API; it may only start one (src/main/start-roles) on a Redis it finds (src/infra).',
            },
          ],
        },
      ],
    },
  },
);

/** src/ never imports the mocks, the toolkit, tests, benches or drills. */
function outside(_from) {
  return [
    {
      group: ['**/mocks/**', '**/toolkit/**', '**/test/**', '**/bench/**', '**/drills/**'],
      message: 'The gateway core never imports mocks, the tester toolkit, tests, benches or drills.',
    },
  ];
}
