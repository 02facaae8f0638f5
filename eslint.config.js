// Lint: typescript-eslint's recommended rules everywhere, React hooks rules in the web app, and the
// type-aware promise rules (a promise nobody awaits, a promise where a plain callback is expected) on
// every TypeScript file, typed by the tsconfig that covers it (tsconfig.json, packages/web/tsconfig.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import boundaries from './eslint-rules/module-boundaries.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // This file is JavaScript that no tsconfig covers: no type information, so no type-aware rules.
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // One clock: the server reads "now" only through the application context's clock.
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/platform/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read the time from ctx.clock (clockOf(ctx)), not new Date().',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read the time from ctx.clock (clockOf(ctx)), not Date.now().',
        },
      ],
    },
  },
  {
    // Feature modules meet only at their index.ts; row types stay in repositories and mappers.
    files: ['packages/server/src/**/*.ts'],
    plugins: { bancheng: boundaries },
    rules: { 'bancheng/module-boundaries': 'error', 'bancheng/row-types': 'error' },
  },
);
