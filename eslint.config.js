import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Each package is reached from the others through its alias in tsconfig.json "paths" (@app/api/*,
 * @app/<lib>, @app/seed, @app/migrations), never by a relative path, so moving a file never breaks
 * another package's imports. A file n folders below its package's root stays inside it with at
 * most n "../": an import with more is an error. The `files` globs count the folders (a "*" never
 * matches a "/"); no file is deeper than DEEPEST. (Dynamic import() is not checked by the rule.)
 */
const PACKAGES = ['apps/api', 'apps/web', 'libs/*', 'seed', 'migrations', 'test', 'bench'];
const DEEPEST = 10;
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rule for a file `depth` folders into its package; `allowed` are exact exceptions. */
const withinPackage = (depth, allowed = []) => [
  'error',
  {
    patterns: [
      {
        regex: `^${allowed.map((path) => `(?!${escaped(path)}$)`).join('')}(\\./)?(\\.\\./){${depth + 1}}`,
        message:
          'A relative import out of its package: import the other package through its @app/ alias (tsconfig.json "paths").',
      },
    ],
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  ...Array.from({ length: DEEPEST + 1 }, (_, depth) => ({
    files: PACKAGES.map((root) => `${root}/${'*/'.repeat(depth)}*.{ts,tsx}`),
    rules: { 'no-restricted-imports': withinPackage(depth) },
  })),
  {
    // Transpiled on its own by test/upload-memory.e2e-spec.ts, which follows relative imports only,
    // so that the measured child process loads the reader and nothing else of @app/reporting.
    files: ['test/support/read-upload.ts'],
    rules: {
      'no-restricted-imports': withinPackage(1, ['../../libs/reporting/src/xlsx-reader.js']),
    },
  },
  {
    // The reporting lib's unit tests build their hostile workbooks with the e2e tests' zip writer.
    files: ['libs/reporting/src/*.spec.ts'],
    rules: {
      'no-restricted-imports': withinPackage(1, ['../../../test/support/xlsx-parts.js']),
    },
  },
);
