import { fromBase64, fromBase64Url, importAesKey, passwordKey, randomBytes, seal, toBase64, unseal } from './sealing';

/**
 * One random 256-bit key per user per laptop, made at the first online sign-in. It encrypts the
 * local database (through the password RxDB is given), the offline profile's secrets and the
 * form drafts. It is never stored plain: only wrapped (see `PasswordWrap`, `wrapForDevice`, and
 * the OS keyring in Electron for an open session).
 */
export class DataKey {
  private aes: Promise<CryptoKey> | null = null;

  private constructor(private readonly raw: Uint8Array) {}

  static generate(): DataKey {
    return new DataKey(randomBytes(32));
  }

  /** From `exportForWrapping()`; throws on anything that is not a 256-bit key. */
  static fromExported(text: string): DataKey {
    const raw = fromBase64(text);
    if (raw.length !== 32) throw new Error('not a data key');
    return new DataKey(raw);
  }

  /** The raw key as base64: only ever handed to a wrapping function, never stored as is. */
  exportForWrapping(): string {
    return toBase64(this.raw);
  }

  /**
   * The database password: a hash of the key under its own label, so the string RxDB keeps in
   * memory is not the key that also seals the profile and drafts.
   */
  async databasePassword(): Promise<string> {
    const label = new TextEncoder().encode('jiuzhu-rxdb-password:');
    const input = new Uint8Array(label.length + this.raw.length);
    input.set(label);
    input.set(this.raw, label.length);
    return toBase64(await crypto.subtle.digest('SHA-256', input));
  }

  async seal(plain: string): Promise<string> {
    return seal(await this.key(), plain);
  }

  /** null when the value was sealed with another key or changed. */
  async unseal(sealed: string): Promise<string | null> {
    return unseal(await this.key(), sealed);
  }

  private key(): Promise<CryptoKey> {
    this.aes ??= importAesKey(this.raw);
    return this.aes;
  }
}

/** The data key wrapped by a key derived from the user's password (its own salt). */
export interface PasswordWrap {
  salt: string;
  iterations: number;
  sealed: string;
}

const WRAP_ITERATIONS = 210_000;

export async function wrapWithPassword(dataKey: DataKey, password: string): Promise<PasswordWrap> {
  const salt = randomBytes(16);
  const key = await passwordKey(password, salt, WRAP_ITERATIONS);
  return { salt: toBase64(salt), iterations: WRAP_ITERATIONS, sealed: await seal(key, dataKey.exportForWrapping()) };
}

/** null when the password is not the one the key was wrapped with. */
export async function unwrapWithPassword(wrap: PasswordWrap, password: string): Promise<DataKey | null> {
  const key = await passwordKey(password, fromBase64(wrap.salt), wrap.iterations);
  const raw = await unseal(key, wrap.sealed);
  return raw ? DataKey.fromExported(raw) : null;
}

/** Wrapped by the per-device key the server gives at each online sign-in (base64url, 256 bits). */
export async function wrapForDevice(dataKey: DataKey, deviceKey: string): Promise<string> {
  return seal(await importAesKey(fromBase64Url(deviceKey)), dataKey.exportForWrapping());
}

export async function unwrapForDevice(sealed: string, deviceKey: string): Promise<DataKey | null> {
  const raw = await unseal(await importAesKey(fromBase64Url(deviceKey)), sealed);
  return raw ? DataKey.fromExported(raw) : null;
}
