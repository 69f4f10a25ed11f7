// Lint rules that guard what the compiler cannot: promises that nobody awaits, and I/O reaching the
// deterministic layers (workflows run in Temporal's sandbox and are replayed; domain/ is imported by them).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const ioPackages = ['pg', 'kysely', 'nodemailer', '@electric-sql/*', 'pino', 'fastify', 'undici', 'axios'];

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', '.tools/', 'coverage/', 'test-results/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Jest's asymmetric matchers (expect.stringMatching, expect.any) are typed `any`.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Kysely's own convention: a migration sees the schema as it was then, not today's types.
    files: ['db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts', 'bench/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((name) => [
            { name, message: 'Workflow and domain code must stay deterministic: no Node APIs.' },
            { name: `node:${name}`, message: 'Workflow and domain code must stay deterministic: no Node APIs.' },
          ]),
          patterns: [
            {
              group: ioPackages,
              allowTypeImports: true,
              message: 'Workflow and domain code must stay deterministic: do I/O in activities/.',
            },
            {
              group: [
                '**/activities/*',
                '!**/activities/index',
                '**/db/*',
                '**/runtime/*',
                '**/client/*',
                '**/worker/*',
              ],
              allowTypeImports: true,
              message: 'Workflows import activities as types only, and nothing from db/, runtime/, client/ or worker/.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use a loop with sleep() from @temporalio/workflow.' },
        { name: 'process', message: 'Workflows never read the environment.' },
      ],
    },
  },
);
