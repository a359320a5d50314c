// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';

/**
 * Layering (ARCHITECTURE.md): shared/ is pure TypeScript; renderer/, electron/ and server/ may
 * import shared/ but never one another; inside renderer/, the UI goes through renderer/data's one
 * door and the data layer is in floors (hooks/ → record folders → core/). bench/ and harness/ are
 * covered too; only tests/ may import tests/. Kept as lint rules so CI fails on a crossing.
 *
 * Each forbidden import is one regular expression over the import's text, checked on static
 * imports and re-exports (`no-restricted-imports`, type-only ones too), on dynamic `import()`
 * (string or template literal) and on `import('…')` types (`no-restricted-syntax`). ESLint lets
 * the last matching block set a rule, so each block below lists every restriction of its files.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const platformPackages = [
  'electron', 'react', 'react-dom', 'react-router', 'antd', '@ant-design/*', 'rxdb', 'rxdb/*', 'dexie',
  'fastify', '@fastify/*', 'pg', '@electric-sql/*', 'i18next', 'react-i18next', 'echarts',
];
const reactPackages = ['react', 'react/*', 'react-dom', 'react-dom/*', 'react-router', 'react-i18next', 'react-hook-form', 'antd', '@ant-design/*'];
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Imports of these packages: an exact name, or `name/*` for anything under it. */
const packages = (names, why) =>
  names.map((name) => ({
    regex: name.endsWith('/*') ? `^${escapeRegex(name.slice(0, -1))}.+` : `^${escapeRegex(name)}$`,
    why,
  }));
/** Imports of anything in a folder of this name, wherever it is (`../../server/app`). */
const folders = (names, why) => names.map((name) => ({ regex: `(^|/)${escapeRegex(name)}(/|$)`, why }));
/** Relative imports of a folder of this name beside the importing file's folder or above it (`../hooks/x`). */
const siblingFolders = (names, why) => names.map((name) => ({ regex: `^\\.{1,2}/(\\.\\./)*${escapeRegex(name)}(/|$)`, why }));

const rules = (restrictions) => ({
  'no-restricted-imports': [
    'error',
    { patterns: restrictions.map(({ regex, why }) => ({ regex, message: why, caseSensitive: true })) },
  ],
  'no-restricted-syntax': [
    'error',
    ...restrictions.flatMap(({ regex, why }) => {
      // esquery reads a regular expression up to the next '/'.
      const re = `/${regex.replaceAll('/', '\\x2F')}/`;
      return [
        { selector: `ImportExpression[source.value=${re}]`, message: why },
        { selector: `ImportExpression[source.quasis.0.value.raw=${re}]`, message: why },
        { selector: `TSImportType[source.value=${re}]`, message: why },
      ];
    }),
  ],
});

const notTestCode = folders(['tests', 'bench', 'harness'], 'Only tests/ imports tests/, bench/ or harness/ code; the product never does.');

const sharedLayer = [
  ...folders(['renderer', 'electron', 'server'], 'shared/ is pure TypeScript: no platform, no other layer.'),
  ...packages([...nodeBuiltins, ...platformPackages], 'shared/ is pure TypeScript: no platform, no other layer.'),
  ...notTestCode,
];
const rendererWhy = 'renderer/ runs in a sandboxed page: no Node, no Electron, no server code.';
const rendererLayer = [
  ...folders(['electron', 'server'], rendererWhy),
  ...packages([...nodeBuiltins, 'electron', 'fastify', 'pg', '@electric-sql/*'], rendererWhy),
  ...notTestCode,
];
const uiWhy = 'The UI reaches data only through renderer/data/index.ts (the door), never RxDB or a file behind the door.';
const uiFloor = [
  ...rendererLayer,
  ...packages(['rxdb', 'rxdb/*', 'dexie'], uiWhy),
  // ./data/x, ../data/x, ../../data/x …: anything in renderer/data but its index.
  { regex: '^\\.{1,2}/(\\.\\./)*data/(?!index$)', why: uiWhy },
];
const recordFolders = ['households', 'visits', 'applications', 'careNeeds', 'attachments'];
const dataWhy = 'renderer/data is in floors: hooks/ → households/, visits/, applications/, careNeeds/, attachments/ → core/; never up, never the UI, never its own door.';
const dataLayer = [
  ...rendererLayer,
  ...folders(['ui'], dataWhy),
  // renderer/data/index.ts from inside renderer/data ('..', '../..', '../index', '../../data' …).
  { regex: '^\\.\\.(/\\.\\.)*(/index)?$', why: dataWhy },
  { regex: '(^|/)data(/index)?$', why: dataWhy },
];
const belowHooks = [...dataLayer, ...siblingFolders(['hooks'], dataWhy), ...packages(reactPackages, `${dataWhy} React is for hooks/ only.`)];
const coreFloor = [...belowHooks, ...siblingFolders(recordFolders, dataWhy)];

const electronWhy = 'electron/ talks to the renderer through IPC only and never runs server code.';
const serverWhy = 'server/ shares only shared/ with the app.';
const benchWhy = 'bench/ measures the product: it imports renderer/, server/, shared/ and harness/, never tests/.';
const benchPageWhy = 'bench/browser/ runs in a Chromium page, like renderer/: no Node, no Electron, no server code.';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'data/', 'test-results/', 'playwright-report/', '.tmp/', '.tsbuild/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // React (issue 14): the rules of hooks and the React Compiler's checks, accessibility where it
  // fits an antd app, and no deprecated API (antd marks its deprecated props @deprecated: the type
  // checker finds them, as antd's own console warnings would at run time). Every finding is an
  // error, fixed or disabled on its line with the reason.
  {
    files: ['renderer/**/*.{ts,tsx}', 'bench/browser/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts', 'bench/browser/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      ...Object.fromEntries(Object.keys(reactHooks.configs.flat.recommended.rules).map((rule) => [rule, 'error'])),
      ...jsxA11y.flatConfigs.recommended.rules,
      // autoFocus stays on antd fields only: the one field of a screen or dialog a person opened
      // to type in (sign-in, unlock, a new password), as people expect; never on a plain element.
      'jsx-a11y/no-autofocus': ['error', { ignoreNonDOM: true }],
      // Only says the React Compiler would skip a component (react-hook-form's watch): this app
      // does not run the compiler.
      'react-hooks/incompatible-library': 'off',
      '@typescript-eslint/no-deprecated': 'error',
    },
  },
  {
    files: ['renderer/public/**/*.js'],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**'],
    rules: rules(sharedLayer),
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/vite.config.ts'],
    rules: rules(rendererLayer),
  },
  {
    files: ['renderer/ui/**', 'renderer/*.ts', 'renderer/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    rules: rules(uiFloor),
  },
  {
    files: ['renderer/data/index.ts', 'renderer/data/hooks/**'],
    rules: rules(dataLayer),
  },
  {
    files: recordFolders.map((name) => `renderer/data/${name}/**`),
    rules: rules(belowHooks),
  },
  {
    files: ['renderer/data/core/**'],
    rules: rules(coreFloor),
  },
  {
    files: ['electron/**'],
    rules: rules([
      ...folders(['renderer', 'server'], electronWhy),
      ...packages(['react', 'react-dom', 'antd', 'rxdb', 'fastify', 'pg'], electronWhy),
      ...notTestCode,
    ]),
  },
  {
    files: ['server/**'],
    rules: rules([
      ...folders(['renderer', 'electron'], serverWhy),
      ...packages(['electron', 'react', 'react-dom', 'antd', 'rxdb', 'dexie'], serverWhy),
      ...notTestCode,
    ]),
  },
  {
    files: ['bench/**'],
    rules: rules(folders(['tests'], benchWhy)),
  },
  {
    files: ['bench/browser/**'],
    ignores: ['bench/browser/vite.config.ts'],
    rules: rules([
      ...folders(['tests'], benchWhy),
      ...folders(['electron', 'server', 'ui'], benchPageWhy),
      ...packages([...nodeBuiltins, 'electron', 'fastify', 'pg', '@electric-sql/*'], benchPageWhy),
    ]),
  },
  {
    files: ['harness/**'],
    rules: rules(folders(['tests', 'bench'], 'harness/ serves tests/ and bench/ and imports neither.')),
  },
);
