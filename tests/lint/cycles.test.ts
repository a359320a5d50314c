import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `npm run check:cycles` (scripts/checkCycles.ts) over the given folders, or over the four layers. */
function checkCycles(...dirs: string[]): { status: number | null; output: string } {
  const run = spawnSync('npx', ['tsx', 'scripts/checkCycles.ts', ...dirs], { cwd: process.cwd(), encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const planted: string[] = [];
/** A folder outside the project holding these files. */
function plant(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-cycles-'));
  planted.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

afterAll(() => {
  for (const dir of planted) rmSync(dir, { recursive: true, force: true });
});

describe('the import-cycle check', () => {
  it('fails on a planted cycle and names its files', () => {
    const dir = plant({
      'a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'b.tsx': "import { a } from './a';\nexport const b = () => a;\n",
    });
    const { status, output } = checkCycles(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/CYCLE: \S*a\.ts > \S*b\.tsx/);
  });

  it('counts type-only imports', () => {
    const dir = plant({
      'c.ts': "import type { D } from './d';\nexport interface C { d?: D }\n",
      'd.ts': "import type { C } from './c';\nexport interface D { c?: C }\n",
    });
    const { status, output } = checkCycles(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/CYCLE: \S*c\.ts > \S*d\.ts/);
  });

  it('counts dynamic imports and re-exports', () => {
    const dir = plant({
      'e.ts': "export const load = () => import('./f');\n",
      'f.ts': "export * from './g';\n",
      'g.ts': "import { load } from './e';\nexport const g = load;\n",
    });
    const { status, output } = checkCycles(dir);
    expect(status).toBe(1);
    expect(output).toMatch(/CYCLE: \S*e\.ts > \S*f\.ts > \S*g\.ts/);
  });

  it('passes a folder whose imports all point one way', () => {
    const dir = plant({
      'h.ts': "import { i } from './i';\nexport const h = i;\n",
      'i.ts': "import type { J } from './j';\nexport const i = (j: J) => j;\n",
      'j.ts': 'export type J = string;\n',
    });
    expect(checkCycles(dir).status).toBe(0);
  });

  it('passes renderer/, server/, shared/ and electron/', () => {
    const { status, output } = checkCycles();
    expect(output).not.toMatch(/CYCLE/);
    expect(status).toBe(0);
  });
});
