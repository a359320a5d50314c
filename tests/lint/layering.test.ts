import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

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
