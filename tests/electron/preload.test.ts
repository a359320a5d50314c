import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/contract';
import { createHostApi } from '../../electron/preload/api';

describe('createHostApi', () => {
  it('forwards each method to its channel with the arguments untouched', async () => {
    const invoke = vi.fn(async (channel: string) => ({ ok: true, value: channel }));
    const api = createHostApi(invoke);
    expect(Object.keys(api).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());

    expect(await api.getAppInfo()).toEqual({ ok: true, value: 'jiuzhu:getAppInfo' });
    await api.protectSecret('k');
    await api.unprotectSecret('c2VhbGVk');
    expect(invoke.mock.calls).toEqual([
      ['jiuzhu:getAppInfo'],
      ['jiuzhu:protectSecret', 'k'],
      ['jiuzhu:unprotectSecret', 'c2VhbGVk'],
    ]);
  });

  it('cannot be extended by the page', () => {
    const api = createHostApi(async () => undefined);
    expect(Object.isFrozen(api)).toBe(true);
  });
});

/**
 * A sandboxed preload can only require('electron'): any other runtime import would make the
 * preload fail in the real app and leave window.jiuzhu undefined, with nothing in Node tests
 * noticing. Follow the preload's runtime imports and check where they lead.
 */
describe('preload dependencies', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const runtimeImport = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

  function runtimeImportsOf(file: string): string[] {
    const source = readFileSync(file, 'utf8');
    return [...source.matchAll(runtimeImport)].map((match) => match[1] ?? '');
  }

  it('reaches only electron and relative files', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const queue = [path.join(root, 'electron/preload/index.ts')];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const specifier of runtimeImportsOf(file)) {
        if (specifier.startsWith('.')) queue.push(`${path.resolve(path.dirname(file), specifier)}.ts`);
        else packages.add(specifier);
      }
    }
    expect([...packages]).toEqual(['electron']);
    expect([...seen].map((file) => path.relative(root, file)).sort()).toEqual([
      'electron/preload/api.ts',
      'electron/preload/index.ts',
      'shared/ipc/contract.ts',
    ]);
  });
});
