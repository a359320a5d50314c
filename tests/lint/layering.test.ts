import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The planted files exist only as text, so the type checker cannot open them: the one typed rule
// (no deprecated API, in renderer/) is left out here; the layering rules need no types.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } }, rules: { '@typescript-eslint/no-deprecated': 'off' } },
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layering lint rule', () => {
  it('refuses a platform or another layer in shared/', async () => {
    expect(await restrictedImports('shared/domain/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).not.toHaveLength(0);
    expect(await restrictedImports('shared/domain/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).not.toHaveLength(0);
    expect(await restrictedImports('shared/domain/x.ts', "import { x } from '../../server/app';\nexport const a = x;\n")).not.toHaveLength(0);
    expect(await restrictedImports('shared/domain/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toHaveLength(0);
  });

  it('refuses renderer/, electron/ and server/ importing one another', async () => {
    expect(await restrictedImports('renderer/ui/x.ts', "import { buildServer } from '../../server/app';\nexport const a = buildServer;\n")).not.toHaveLength(0);
    expect(await restrictedImports('renderer/ui/x.ts', "import { a } from '../../electron/main/security';\nexport const b = a;\n")).not.toHaveLength(0);
    expect(await restrictedImports('server/x.ts', "import { a } from '../renderer/data';\nexport const b = a;\n")).not.toHaveLength(0);
    expect(await restrictedImports('electron/main/x.ts', "import { a } from '../../server/app';\nexport const b = a;\n")).not.toHaveLength(0);
    expect(await restrictedImports('server/x.ts', "import { a } from '../shared/schemas/household';\nexport const b = a;\n")).toHaveLength(0);
  });
});

/** Messages of the layering rules: static imports and re-exports, dynamic `import()` and `import('…')` types. */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

const staticImport = (from: string) => `import { a } from '${from}';\nexport const b = a;\n`;
const typeImport = (from: string) => `import type { A } from '${from}';\nexport type B = A;\n`;
const dynamicImport = (from: string) => `export const load = () => import('${from}');\n`;

describe('the layering lint rule on dynamic imports', () => {
  it('refuses an import() across a boundary, written as a string or a template', async () => {
    expect(await refusals('shared/domain/x.ts', dynamicImport('node:fs'))).not.toHaveLength(0);
    expect(await refusals('renderer/ui/x.ts', dynamicImport('../../server/app'))).not.toHaveLength(0);
    expect(await refusals('renderer/ui/x.ts', 'export const load = (name: string) => import(`../../server/${name}`);\n')).not.toHaveLength(0);
    expect(await refusals('server/x.ts', dynamicImport('../electron/main/security'))).not.toHaveLength(0);
    expect(await refusals('electron/main/x.ts', dynamicImport('react'))).not.toHaveLength(0);
  });

  it("refuses an import('…') type across a boundary", async () => {
    expect(await refusals('shared/domain/x.ts', "export type A = import('../../server/app').Server;\n")).not.toHaveLength(0);
  });

  it('lets an import() inside the rules through', async () => {
    expect(await refusals('renderer/data/core/exports/x.ts', dynamicImport('exceljs'))).toHaveLength(0);
    expect(await refusals('renderer/ui/x.ts', dynamicImport('../data'))).toHaveLength(0);
  });
});

describe('the UI and renderer/data', () => {
  it('refuses RxDB and Dexie in the UI', async () => {
    expect(await refusals('renderer/ui/x.ts', staticImport('rxdb'))).not.toHaveLength(0);
    expect(await refusals('renderer/ui/households/x.tsx', typeImport('rxdb/plugins/core'))).not.toHaveLength(0);
    expect(await refusals('renderer/ui/x.ts', dynamicImport('dexie'))).not.toHaveLength(0);
    expect(await refusals('renderer/App.tsx', staticImport('rxdb/plugins/storage-dexie'))).not.toHaveLength(0);
  });

  it('refuses a file behind the door of renderer/data in the UI, and lets the door through', async () => {
    expect(await refusals('renderer/ui/today/x.ts', staticImport('../../data/visits/visitIndex'))).not.toHaveLength(0);
    expect(await refusals('renderer/ui/x.ts', typeImport('../data/core/workspace'))).not.toHaveLength(0);
    expect(await refusals('renderer/ui/x.ts', dynamicImport('../data/hooks/exports'))).not.toHaveLength(0);
    expect(await refusals('renderer/App.tsx', staticImport('./data/hooks/AppDataProvider'))).not.toHaveLength(0);
    expect(await refusals('renderer/ui/today/x.ts', staticImport('../../data'))).toHaveLength(0);
    expect(await refusals('renderer/ui/x.ts', staticImport('../data/index'))).toHaveLength(0);
    expect(await refusals('renderer/App.tsx', staticImport('./data'))).toHaveLength(0);
  });

  it('refuses core/ importing a record folder, hooks/, React, the UI or the door', async () => {
    expect(await refusals('renderer/data/core/workspace.ts', staticImport('../households/householdSearch'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/core/sync/x.ts', typeImport('../../attachments/attachmentRecords'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/core/x.ts', staticImport('../hooks/AppDataProvider'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/core/sync/x.ts', dynamicImport('../../hooks/useObservable'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/core/x.ts', staticImport('react'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/core/x.ts', staticImport('../../ui/format'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/core/x.ts', staticImport('..'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/core/keys/x.ts', staticImport('../../index'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/core/sync/x.ts', staticImport('../keys/dataKey'))).toHaveLength(0);
    expect(await refusals('renderer/data/core/x.ts', staticImport('rxdb/plugins/core'))).toHaveLength(0);
  });

  it('refuses a record folder importing hooks/, React, the UI or the door, and lets core/ and other record folders through', async () => {
    expect(await refusals('renderer/data/visits/x.ts', staticImport('../hooks/AppDataProvider'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/households/x.ts', dynamicImport('../hooks/useObservable'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/careNeeds/x.ts', staticImport('react'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/applications/x.ts', staticImport('../../ui/usePermissions'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/attachments/x.ts', staticImport('..'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/visits/x.ts', staticImport('../core/workspace'))).toHaveLength(0);
    expect(await refusals('renderer/data/visits/x.ts', staticImport('../households/householdSearch'))).toHaveLength(0);
  });

  it('refuses hooks/ importing the UI or the door, and lets every floor below through', async () => {
    expect(await refusals('renderer/data/hooks/x.ts', staticImport('../../ui/format'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/hooks/x.ts', staticImport('..'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/hooks/x.ts', staticImport('../households/householdSearch'))).toHaveLength(0);
    expect(await refusals('renderer/data/hooks/x.ts', staticImport('../core/workspace'))).toHaveLength(0);
    expect(await refusals('renderer/data/hooks/x.ts', staticImport('react'))).toHaveLength(0);
  });
});

describe('bench/, harness/ and test code', () => {
  it('refuses bench/ importing tests/', async () => {
    expect(await refusals('bench/x.ts', staticImport('../tests/support/laptop'))).not.toHaveLength(0);
    expect(await refusals('bench/browser/x.ts', dynamicImport('../../tests/support/documents'))).not.toHaveLength(0);
    expect(await refusals('bench/x.ts', staticImport('../harness/postgresCluster'))).toHaveLength(0);
    expect(await refusals('bench/x.ts', staticImport('../server/demo/random'))).toHaveLength(0);
  });

  it('refuses Node and server code in the bench page, which runs in Chromium', async () => {
    expect(await refusals('bench/browser/x.ts', staticImport('node:fs'))).not.toHaveLength(0);
    expect(await refusals('bench/browser/x.ts', staticImport('../../server/app'))).not.toHaveLength(0);
    expect(await refusals('bench/browser/x.ts', staticImport('../../renderer/data/core/database'))).toHaveLength(0);
  });

  it('refuses harness/ importing tests/ or bench/, and the product importing either or harness/', async () => {
    expect(await refusals('harness/x.ts', staticImport('../tests/support/documents'))).not.toHaveLength(0);
    expect(await refusals('harness/x.ts', staticImport('../bench/dataset'))).not.toHaveLength(0);
    expect(await refusals('server/x.ts', staticImport('../tests/support/documents'))).not.toHaveLength(0);
    expect(await refusals('renderer/data/core/x.ts', staticImport('../../../harness/memoryStore'))).not.toHaveLength(0);
    expect(await refusals('shared/x.ts', dynamicImport('../bench/dataset'))).not.toHaveLength(0);
  });
});
