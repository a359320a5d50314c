import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `npx tsx scripts/checkCycles.ts` (the check `npm run check:cycles` runs) over the given folders. */
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

/**
 * The planted cycles are checked in one run of the check (each run is a tsx and a madge process);
 * the four layers themselves are checked by the README's test command (scripts/test-all.sh, "import
 * cycles"), not again here.
 */
describe('the import-cycle check', () => {
  let planted: { status: number | null; output: string };
  beforeAll(() => {
    planted = checkCycles(
      plant({
        'a.ts': "import { b } from './b';\nexport const a = () => b;\n",
        'b.tsx': "import { a } from './a';\nexport const b = () => a;\n",
      }),
      plant({
        'c.ts': "import type { D } from './d';\nexport interface C { d?: D }\n",
        'd.ts': "import type { C } from './c';\nexport interface D { c?: C }\n",
      }),
      plant({
        'e.ts': "export const load = () => import('./f');\n",
        'f.ts': "export * from './g';\n",
        'g.ts': "import { load } from './e';\nexport const g = load;\n",
      }),
    );
  });

  it('fails on a planted cycle and names its files', () => {
    expect(planted.status).toBe(1);
    expect(planted.output).toMatch(/CYCLE: \S*a\.ts > \S*b\.tsx/);
  });

  it('counts type-only imports', () => {
    expect(planted.output).toMatch(/CYCLE: \S*c\.ts > \S*d\.ts/);
  });

  it('counts dynamic imports and re-exports', () => {
    expect(planted.output).toMatch(/CYCLE: \S*e\.ts > \S*f\.ts > \S*g\.ts/);
  });

  it('passes a folder whose imports all point one way', () => {
    const dir = plant({
      'h.ts': "import { i } from './i';\nexport const h = i;\n",
      'i.ts': "import type { J } from './j';\nexport const i = (j: J) => j;\n",
      'j.ts': 'export type J = string;\n',
    });
    const { status, output } = checkCycles(dir);
    expect(output).not.toMatch(/CYCLE/);
    expect(status).toBe(0);
  });
});
