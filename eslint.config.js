import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import workflowImports from './scripts/workflow-imports-rule.mjs';

// Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O libraries.
const bannedInWorkflows = [
  ...builtinModules.flatMap((name) => [name, `node:${name}`]),
  'pg',
  '@electric-sql/pglite',
  'got',
  'fastify',
  'intuit-oauth',
  '@temporalio/activity',
  '@temporalio/client',
  '@temporalio/worker',
];

/** Modules under these folders do I/O: workflows may import their types only. */
const ioFolders = ['activities', 'storage', 'integrations'];

/**
 * The sync's own code reaches the systems it connects through the port and the registry only (docs/sides.md): each
 * folder under integrations/ is one system's implementation, and emulators/ stands in for those systems. What stands
 * in for the people and systems around the service (demo/, harness/, bench/, chaos/, scripts/, test/) wires the
 * emulators and is not the sync's own code.
 */
const syncFolders = [
  'server',
  'service',
  'operator',
  'cli',
  'app',
  'domain',
  'activities',
  'workflows',
  'client',
  'storage',
  'console',
  'worker',
  'security',
  'config',
  'observability',
];
const vendorModules = {
  group: ['**/integrations/*/**', '**/emulators/**'],
  message: 'Reach a system through integrations/port.ts and the registry (docs/sides.md), not its own modules.',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/it return promises the runner itself awaits.
          allowForKnownSafeCalls: [
            { from: 'package', name: ['describe', 'it', 'test', 'suite', 'before', 'after'], package: 'node:test' },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'object-shorthand': 'error',
    },
  },
  {
    // The build script runs before TypeScript has compiled anything, so it is plain JavaScript outside the project.
    files: ['scripts/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' },
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: syncFolders.map((folder) => `${folder}/**/*.{ts,tsx}`),
    rules: { 'no-restricted-imports': ['error', { patterns: [vendorModules] }] },
  },
  {
    files: ['workflows/**/*.ts'],
    plugins: { sandbox: { rules: { 'workflow-imports': workflowImports } } },
    rules: {
      // Also what workflow code reaches through the repository's own modules (e.g. domain/), not only direct imports.
      'sandbox/workflow-imports': ['error', { banned: bannedInWorkflows, bannedFolders: ioFolders }],
      'no-restricted-imports': [
        'error',
        {
          paths: bannedInWorkflows.map((name) => ({
            name,
            message:
              'Workflow code runs in the Temporal sandbox: import activity types only, no Node built-ins or I/O.',
          })),
          patterns: [
            {
              group: ioFolders.map((folder) => `**/${folder}/*`),
              allowTypeImports: true,
              message: 'Workflows may import only types from I/O modules.',
            },
            vendorModules,
          ],
        },
      ],
    },
  },
);
