import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folders inside server/ (and inside shared/) import one another in one direction only, as
 * ARCHITECTURE.md draws them: each row may import the rows below it, never a row above nor a
 * folder beside it. Every import counts, `import type` and re-exports included, so no type cycle
 * hides behind the compiler erasing it. (Cycles between single files: `npm run check:cycles`.)
 */
const serverRows: readonly (readonly string[])[] = [
  ['signin', 'admin', 'demo', 'reports', 'backup', 'statusCheck', 'updates', 'relay', 'relayService'],
  ['bundles', 'stats', 'files'],
  ['sync'],
  ['users', 'search', 'reference', 'metrics', 'settings'],
  ['storage'],
  ['audit'],
  ['auth'],
  ['http', 'areas', 'cli'],
  ['db'],
];

const sharedRows: readonly (readonly string[])[] = [
  ['exports', 'stats'],
  ['sync'],
  ['rules'],
  ['schemas'],
  ['auth', 'ipc'],
  ['areas', 'domain', 'files', 'wire'],
  ['diagnostics', 'vocabulary'],
];

const ROOT = process.cwd();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports (type-only too), and `import()`. */
function importedPaths(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g)) found.push(match[1]!);
  for (const match of code.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]!);
  for (const match of code.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(match[1]!);
  return found;
}

interface FolderEdge {
  from: string;
  to: string;
  file: string;
}

/** Imports from one folder of `layer` (e.g. server/) into another, with the file that makes each. */
function folderEdges(layer: 'server' | 'shared'): FolderEdge[] {
  const base = join(ROOT, layer);
  const folderOf = (path: string): string | null => {
    const rel = relative(base, path);
    if (rel.startsWith('..')) return null;
    const parts = rel.split(/[\\/]/);
    return parts.length > 1 ? parts[0]! : null; // files at the layer's root (app.ts, main.ts) wire everything
  };
  return sourceFiles(base).flatMap((file) => {
    const from = folderOf(file);
    if (from === null) return [];
    return importedPaths(readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ from, to: folderOf(resolve(dirname(file), spec)), file: relative(ROOT, file) }))
      .filter((edge): edge is FolderEdge => edge.to !== null && edge.to !== from);
  });
}

/** The imports that go up or sideways in the rows, and folders the rows do not place. */
function wrongDirections(edges: readonly FolderEdge[], rows: readonly (readonly string[])[]): string[] {
  const rowOf = new Map(rows.flatMap((row, index) => row.map((folder) => [folder, index] as const)));
  const problems = new Set<string>();
  for (const edge of edges) {
    for (const folder of [edge.from, edge.to]) {
      if (!rowOf.has(folder)) problems.add(`${folder}/ is in no row: place it in the rows of tests/lint/moduleDirections.test.ts and ARCHITECTURE.md`);
    }
    const from = rowOf.get(edge.from);
    const to = rowOf.get(edge.to);
    if (from !== undefined && to !== undefined && to <= from) problems.add(`${edge.file}: ${edge.from}/ may not import ${edge.to}/`);
  }
  return [...problems].sort();
}

describe('the directions between folders', () => {
  it('server/: features above the storage, the audit log and authentication, none importing back', () => {
    expect(wrongDirections(folderEdges('server'), serverRows)).toEqual([]);
  });

  it('shared/: the vocabulary at the bottom, exports and figures at the top', () => {
    expect(wrongDirections(folderEdges('shared'), sharedRows)).toEqual([]);
  });

  it('finds an import that goes back up, a type-only one or a dynamic one too', () => {
    const rows = [['sync'], ['storage'], ['audit']];
    expect(wrongDirections([{ from: 'storage', to: 'audit', file: 'a.ts' }], rows)).toEqual([]);
    expect(wrongDirections([{ from: 'audit', to: 'storage', file: 'b.ts' }], rows)).toEqual(['b.ts: audit/ may not import storage/']);
    expect(wrongDirections([{ from: 'sync', to: 'users', file: 'c.ts' }], rows)).toEqual([
      'users/ is in no row: place it in the rows of tests/lint/moduleDirections.test.ts and ARCHITECTURE.md',
    ]);
    expect(importedPaths("import type { A } from '../audit/auditLog';\nexport { b } from './b';\nconst c = await import('../c');")).toEqual([
      '../audit/auditLog',
      './b',
      '../c',
    ]);
  });
});
