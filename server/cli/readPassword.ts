import { readFileSync } from 'node:fs';

/** Where `user add` takes the password from: at most one of these, else stdin (a prompt when it is a terminal). */
export interface PasswordSource {
  /** `--password P`: for scripts; it stays in the shell's history and in the process list. */
  password?: string | undefined;
  /** `--password-file F`: the file's first line. */
  passwordFile?: string | undefined;
}

/** What reading a password needs from the process: stdin and a place for the prompt. */
export interface PasswordIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  prompt: { write(text: string): unknown };
}

/** The first line of a text, without a byte-order mark or line ending. */
export function firstLine(text: string): string {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
}

/** What the terminal prompt asks; `again: null` asks once (a restore's passphrase: a typo is refused anyway). */
export interface PasswordPrompts {
  first: string;
  again: string | null;
}

const PASSWORD_PROMPTS: PasswordPrompts = { first: '密码 / Password: ', again: '再输入一次 / Again: ' };

export async function readPassword(
  source: PasswordSource,
  io: PasswordIo = { stdin: process.stdin, prompt: process.stderr },
  prompts: PasswordPrompts = PASSWORD_PROMPTS,
): Promise<string> {
  if (source.password !== undefined && source.passwordFile !== undefined) {
    throw new Error('give either --password or --password-file, not both');
  }
  if (source.password !== undefined) return source.password;
  if (source.passwordFile !== undefined) {
    const password = firstLine(readFileSync(source.passwordFile, 'utf8'));
    if (!password) throw new Error(`password file ${source.passwordFile}: its first line is empty`);
    return password;
  }
  if (io.stdin.isTTY && io.stdin.setRawMode) {
    const password = await promptHidden(io, prompts.first);
    if (prompts.again === null) return password;
    const again = await promptHidden(io, prompts.again);
    if (password !== again) throw new Error('the two passwords differ / 两次输入的密码不一致');
    return password;
  }
  const password = firstLine(await readAll(io.stdin));
  if (!password) throw new Error('no password: give --password-file F, pipe it to stdin, or run in a terminal to be asked');
  return password;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks on a terminal without echoing what is typed. Ctrl-C or Ctrl-D on an empty line gives up. */
function promptHidden(io: PasswordIo, question: string): Promise<string> {
  const { stdin, prompt } = io;
  prompt.write(question);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      prompt.write('\n');
      outcome();
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return finish(() => resolve(typed));
        if (char === '\u0003' || (char === '\u0004' && typed === '')) return finish(() => reject(new Error('cancelled / 已取消')));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
