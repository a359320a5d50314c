import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { firstLine, readPassword } from '../../server/cli/readPassword';

/** A terminal as `readPassword` sees it: raw mode switched, keys arriving one write at a time. */
function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, rawMode: [] as boolean[], setRawMode: (raw: boolean) => stdin.rawMode.push(raw) });
  let shown = '';
  const prompt = { write: (text: string) => (shown += text) };
  return { io: { stdin, prompt }, stdin, shown: () => shown };
}

describe('user add: where the password comes from', () => {
  it('asks twice on a terminal, shows nothing of what is typed, and takes backspace', async () => {
    const { io, stdin, shown } = terminal();
    const answer = readPassword({}, io);
    stdin.write('secrex\u007ft-1\r');
    await new Promise((resolve) => setImmediate(resolve));
    stdin.write('secret-1\r');
    expect(await answer).toBe('secret-1');
    expect(shown()).toContain('Password');
    expect(shown()).not.toContain('secret');
    expect(stdin.rawMode).toEqual([true, false, true, false]);
  });

  it('refuses two different answers, and gives up on Ctrl-C', async () => {
    const differ = terminal();
    const answer = readPassword({}, differ.io);
    differ.stdin.write('secret-1\r');
    await new Promise((resolve) => setImmediate(resolve));
    differ.stdin.write('secret-2\r');
    await expect(answer).rejects.toThrow(/differ/);

    const cancelled = terminal();
    const given = readPassword({}, cancelled.io);
    cancelled.stdin.write('sec\u0003');
    await expect(given).rejects.toThrow(/cancelled/);
  });

  it('asks a restore\'s passphrase once, with its own words', async () => {
    const { io, stdin, shown } = terminal();
    const answer = readPassword({}, io, { first: '备份口令 / Backup passphrase: ', again: null });
    stdin.write('a long passphrase\r');
    expect(await answer).toBe('a long passphrase');
    expect(shown()).toContain('Backup passphrase');
    expect(shown()).not.toContain('Again');
    expect(stdin.rawMode).toEqual([true, false]);
  });

  it('reads the first line of what is piped in, or of a file; --password still works; not two at once', async () => {
    const piped = new PassThrough();
    piped.end('from-stdin-1\r\nignored\n');
    expect(await readPassword({}, { stdin: piped, prompt: { write: () => true } })).toBe('from-stdin-1');
    const empty = new PassThrough();
    empty.end('');
    await expect(readPassword({}, { stdin: empty, prompt: { write: () => true } })).rejects.toThrow(/no password/);
    expect(await readPassword({ password: 'on-the-line-1' })).toBe('on-the-line-1');
    await expect(readPassword({ password: 'a', passwordFile: 'b' })).rejects.toThrow(/not both/);
    expect(firstLine('\uFEFFpässwort-1\nnext')).toBe('pässwort-1');
  });
});
