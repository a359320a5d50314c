import { readFileSync, writeFileSync } from 'node:fs';

/**
 * What systemd makes of an EnvironmentFile (and the kit's `bin/jiuzhu` of the same file): one
 * KEY=value per line, `#` lines are comments. The kit's file uses no quotes, so none are parsed.
 */
export function readEnvFile(file: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) settings[match[1]!] = match[2]!.trim();
  }
  return settings;
}

/** Sets KEY=value in the settings file as an operator does in an editor: the line must be there. */
export function setSetting(file: string, key: string, value: string): void {
  const text = readFileSync(file, 'utf8');
  const line = new RegExp(`^#?${key}=.*$`, 'm');
  if (!line.test(text)) throw new Error(`${file} has no line for ${key}`);
  writeFileSync(file, text.replace(line, `${key}=${value}`));
}

/** The `[Service]` lines of a unit that say how the server starts: ExecStart, WorkingDirectory, … */
export function readUnit(file: string): Record<string, string[]> {
  const entries: Record<string, string[]> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) (entries[match[1]!] ??= []).push(match[2]!);
  }
  return entries;
}
