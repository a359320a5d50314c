import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Each layer compiles with its own platform's types only (its tsconfig.json, built together by
 * `npm run typecheck` = `tsc -b`): shared/ with neither the DOM nor Node, the renderer with the DOM
 * only, the server and Electron's main process with Node only. Here a file is planted, in memory,
 * in a layer's folder and compiled with that layer's settings: what the layer's platform lacks must
 * be refused by the compiler, what it has must pass.
 */
const ROOT = path.resolve(__dirname, '../..');

function layerOptions(layer: string): ts.ParsedCommandLine {
  const configPath = path.join(ROOT, layer, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  return parsed;
}

/** The compiler's complaints about `code` placed in `layer` beside the layer's own declaration files. */
function complaintsAbout(layer: string, code: string): string[] {
  const parsed = layerOptions(layer);
  const planted = path.join(ROOT, layer, '__planted__.ts');
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, composite: false, emitDeclarationOnly: false, incremental: false };
  delete options.tsBuildInfoFile;
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === planted ? code : readFile(file));
  host.fileExists = (file) => path.resolve(file) === planted || fileExists(file);
  host.getSourceFile = (file, languageVersion, ...rest) =>
    path.resolve(file) === planted ? ts.createSourceFile(file, code, languageVersion, true) : getSourceFile(file, languageVersion, ...rest);
  // The layer's ambient declarations (shared/webPlatform.d.ts, server/webCryptoTypes.d.ts) come along, as in the build.
  const declarations = parsed.fileNames.filter((file) => file.endsWith('.d.ts'));
  const program = ts.createProgram([planted, ...declarations], options, host);
  const plantedFile = program.getSourceFile(planted);
  return [...program.getSemanticDiagnostics(plantedFile), ...program.getSyntacticDiagnostics(plantedFile)].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
}

describe('each layer compiles against its own platform only', () => {
  it('refuses the browser in shared/ (window, document, localStorage)', () => {
    expect(complaintsAbout('shared', 'export const here = window.location.href;').join('\n')).toMatch(/Cannot find name 'window'/);
    expect(complaintsAbout('shared', 'export const title = document.title;').join('\n')).toMatch(/Cannot find name 'document'/);
    expect(complaintsAbout('shared', "export const saved = localStorage.getItem('x');").join('\n')).toMatch(/Cannot find name 'localStorage'/);
  });

  it('refuses Node in shared/ (process, Buffer, node: modules)', () => {
    expect(complaintsAbout('shared', 'export const env = process.env;').join('\n')).toMatch(/Cannot find name 'process'/);
    expect(complaintsAbout('shared', "export const bytes = Buffer.from('x');").join('\n')).toMatch(/Cannot find name 'Buffer'/);
    expect(complaintsAbout('shared', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;").join('\n')).toMatch(/node:fs/);
  });

  it('lets shared/ use the web platform APIs every side has (WebCrypto, TextEncoder, btoa)', () => {
    const code = [
      'export async function digest(text: string): Promise<string> {',
      "  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(text), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);",
      "  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text));",
      '  return btoa(String.fromCharCode(...new Uint8Array(mac)));',
      '}',
    ].join('\n');
    expect(complaintsAbout('shared', code)).toEqual([]);
  });

  it('refuses Node in the renderer and lets it use the DOM', () => {
    expect(complaintsAbout('renderer', 'export const env = process.env;').join('\n')).toMatch(/Cannot find name 'process'/);
    expect(complaintsAbout('renderer', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;").join('\n')).toMatch(/node:fs/);
    expect(complaintsAbout('renderer', 'export const title = (): string => document.title + window.location.href;')).toEqual([]);
  });

  it('refuses the DOM in the server and in Electron’s main process, and lets them use Node', () => {
    for (const layer of ['server', 'electron/main']) {
      expect(complaintsAbout(layer, 'export const title = document.title;').join('\n')).toMatch(/Cannot find name 'document'/);
      expect(complaintsAbout(layer, "import { readFileSync } from 'node:fs';\nexport const read = (): string => readFileSync('x', 'utf8') + process.pid;")).toEqual([]);
    }
  });
});
