// Lint is part of the tests: zero warnings allowed (`eslint . --max-warnings 0`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'out/**', '*.vsix', 'test/fixtures/**', 'test/e2e/artifacts/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // The server speaks LSP on stdout in --stdio mode: console output would corrupt the stream.
    files: ['server/src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  // Layering (also enforced by the TypeScript project references: each package's tsconfig lists only
  // its own files and the packages it may use). protocol/ is the only code client and server share.
  {
    // common/ is shared by client and server (both bundles take it): it imports nothing.
    files: ['common/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**', '*'], message: 'common/ imports nothing.' }] }] },
  },
  {
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'protocol/ is shared by client and server.' }],
        patterns: [
          { group: ['../*', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'protocol/ imports only vscode-languageserver-protocol and itself.' },
        ],
      }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The language server runs outside the extension host.' }],
        patterns: [
          { group: ['**/client/src/**', '**/simulator/**', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The server imports only its own code and protocol/.' },
        ],
      }],
    },
  },
  {
    // QPS bodies and option profiles are document kinds of their own: request/ may use them, never the reverse.
    files: ['server/src/qps/**/*.ts', 'server/src/optionProfile/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The language server runs outside the extension host.' }],
        patterns: [
          { group: ['../request/*', '**/client/src/**', '**/simulator/**', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'qps/ and optionProfile/ import no request file code (shared code lives in common/).' },
        ],
      }],
    },
  },
  {
    // Request files reach the body kinds (qps/, optionProfile/) only through their registry, bodies/.
    files: ['server/src/request/**/*.ts'],
    ignores: ['server/src/request/bodies/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The language server runs outside the extension host.' }],
        patterns: [
          { group: ['../qps/*', '../optionProfile', '../optionProfile/*'], message: 'request/ uses body kinds through request/bodies/ only.' },
          { group: ['**/client/src/**', '**/simulator/**', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The server imports only its own code and protocol/.' },
        ],
      }],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/server/src/**', '**/simulator/**', 'vscode-languageserver', 'vscode-languageserver/*'], message: 'The client reaches the server only through protocol/ (and vscode-languageclient).' },
        ],
      }],
    },
  },
  {
    // The command line runner composes the server's parser and catalog with the client's API client and
    // runner, as the extension does over LSP; dist/cli.js runs in plain Node.
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The command line runs outside VS Code.' }],
        patterns: [{ group: ['**/simulator/**', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-languageserver', 'vscode-languageserver/*'], message: 'The command line uses the server and client modules, not their LSP libraries.' }],
      }],
    },
  },
  {
    files: ['simulator/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The simulator is a stand-alone Qualys platform.' }],
        patterns: [{ group: ['**/client/src/**', '**/server/src/**', '**/protocol/**'], message: 'The simulator imports none of the extension.' }],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
  },
);
