import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

/**
 * The server's secrets in a backup, sealed with the operator's passphrase: AES-256-GCM under a
 * key scrypt derives from it (N=2^17, r=8, p=1: about 128 MiB and a fraction of a second per try,
 * so guessing a passphrase is slow). `context` (the backup's id) is authenticated with it, so a
 * secrets file moved from another backup does not open either.
 */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const MAX_MEMORY = 256 * 1024 * 1024;

const sealedSchema = z.object({
  cipher: z.literal('aes-256-gcm'),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  iv: z.string(),
  tag: z.string(),
  ciphertext: z.string(),
});

/** The shortest passphrase a backup takes: it is all that stands between a stolen backup and the keys. */
export const MIN_PASSPHRASE_LENGTH = 12;

export class WrongPassphraseError extends Error {
  constructor() {
    super('备份口令不对，或 secrets.enc 不属于这份备份 / wrong backup passphrase, or secrets.enc is not this backup\'s: nothing was restored');
  }
}

function deriveKey(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: MAX_MEMORY };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function seal(plaintext: string, passphrase: string, context: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt, SCRYPT), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const sealed: z.infer<typeof sealedSchema> = {
    cipher: 'aes-256-gcm',
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return `${JSON.stringify(sealed, null, 2)}\n`;
}

/** The plaintext, or `WrongPassphraseError` when the passphrase (or the context) is not the one it was sealed with. */
export async function open(sealedText: string, passphrase: string, context: string): Promise<string> {
  const sealed = sealedSchema.parse(JSON.parse(sealedText));
  const { N, r, p, salt } = sealed.kdf;
  const key = await deriveKey(passphrase, Buffer.from(salt, 'base64'), { N, r, p });
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new WrongPassphraseError();
  }
}
