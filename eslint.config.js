// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import globals from 'globals';

/**
 * Layering (architecture.md): shared/ is pure TypeScript; renderer/, electron/ and server/ may
 * import shared/ but never one another. Kept as lint rules so CI fails on a crossing.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const platformPackages = [
  'electron', 'react', 'react-dom', 'react-router', 'antd', '@ant-design/*', 'rxdb', 'rxdb/*', 'dexie',
  'fastify', '@fastify/*', 'pg', '@electric-sql/*', 'i18next', 'react-i18next', 'echarts',
];
const layer = (forbiddenFolders, forbiddenPackages, why) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: forbiddenPackages.filter((p) => !p.includes('*')).map((name) => ({ name, message: why })),
      patterns: [
        ...forbiddenFolders.map((folder) => ({ group: [`**/${folder}`, `**/${folder}/**`], message: why })),
        ...forbiddenPackages.filter((p) => p.includes('*')).map((p) => ({ group: [p], message: why })),
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'data/', 'test-results/', 'playwright-report/', '.tmp/'] },
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
    rules: layer(['renderer', 'electron', 'server'], [...nodeBuiltins, ...platformPackages], 'shared/ is pure TypeScript: no platform, no other layer.'),
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/vite.config.ts'],
    rules: layer(['electron', 'server'], [...nodeBuiltins, 'electron', 'fastify', 'pg', '@electric-sql/*'], 'renderer/ runs in a sandboxed page: no Node, no Electron, no server code.'),
  },
  {
    files: ['electron/**'],
    rules: layer(['renderer', 'server'], ['react', 'react-dom', 'antd', 'rxdb', 'fastify', 'pg'], 'electron/ talks to the renderer through IPC only and never runs server code.'),
  },
  {
    files: ['server/**'],
    rules: layer(['renderer', 'electron'], ['electron', 'react', 'react-dom', 'antd', 'rxdb', 'dexie'], 'server/ shares only shared/ with the app.'),
  },
);
