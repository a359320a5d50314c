/**
 * The USB-stick bundle (U盘导出): what a laptop without any network hands to its township station.
 * Encrypted for the central server (ECDH P-256 with a fresh key per bundle → HKDF → AES-GCM, the
 * header bound as additional data) and signed with the exporting device's own key (HMAC-SHA256),
 * so a station can neither read nor forge it and the server refuses anything altered.
 * Pure WebCrypto: the same code runs in the app and in the server.
 */
import type { SyncedCollection } from './collections';
import type { PushRow } from './wire';
import { canonical } from './canonicalJson';

export const BUNDLE_FORMAT = 'jiuzhu-bundle';
export const BUNDLE_VERSION = 1;

export interface BundleHeader {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  userId: string;
  deviceId: string;
  /** The author's area, so the station sees whose data it carries before the server opens it. */
  areaCode: string;
  createdAt: number;
  counts: Partial<Record<SyncedCollection, number>>;
}

export type BundlePayload = Partial<Record<SyncedCollection, PushRow<Record<string, unknown>>[]>>;

export interface BundleFile {
  header: BundleHeader;
  /** The ephemeral ECDH public key, JWK. */
  epk: JsonWebKey;
  iv: string;
  ciphertext: string;
  signature: string;
}

export class BundleError extends Error {
  constructor(readonly reason: 'format' | 'signature' | 'decrypt') {
    super(`bundle refused: ${reason}`);
  }
}

const encoder = new TextEncoder();
const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

function signedText(file: Omit<BundleFile, 'signature'>): string {
  return [canonical(file.header), canonical(file.epk), file.iv, file.ciphertext].join('.');
}

async function hmac(keyText: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(keyText), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text))));
}

async function aesKey(privateKey: CryptoKey, publicKey: CryptoKey, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: encoder.encode('jiuzhu-bundle-v1') },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

export async function sealBundle(input: {
  header: Omit<BundleHeader, 'format' | 'version'>;
  payload: BundlePayload;
  serverPublicKey: JsonWebKey;
  signingKey: string;
}): Promise<BundleFile> {
  const header: BundleHeader = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, ...input.header };
  const server = await crypto.subtle.importKey('jwk', input.serverPublicKey, ECDH, false, []);
  const ephemeral = (await crypto.subtle.generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair;
  const key = await aesKey(ephemeral.privateKey, server, 'encrypt');
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = encoder.encode(JSON.stringify(input.payload));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(canonical(header)) }, key, plain),
  );
  const epk = await crypto.subtle.exportKey('jwk', ephemeral.publicKey);
  const unsigned = { header, epk: { kty: epk.kty, crv: epk.crv, x: epk.x, y: epk.y }, iv: toBase64(iv), ciphertext: toBase64(sealed) };
  return { ...unsigned, signature: await hmac(input.signingKey, signedText(unsigned)) };
}

/** Checks the signature first (with the author's device key), then decrypts with the server's key. */
export async function openBundle(
  file: BundleFile,
  keys: { serverPrivateKey: CryptoKey; signingKeyFor: (header: BundleHeader) => Promise<string | null> },
): Promise<{ header: BundleHeader; payload: BundlePayload }> {
  if (file.header?.format !== BUNDLE_FORMAT || file.header.version !== BUNDLE_VERSION) throw new BundleError('format');
  const signingKey = await keys.signingKeyFor(file.header);
  if (!signingKey) throw new BundleError('signature');
  const { signature, ...unsigned } = file;
  if ((await hmac(signingKey, signedText(unsigned))) !== signature) throw new BundleError('signature');
  try {
    const epk = await crypto.subtle.importKey('jwk', file.epk, ECDH, false, []);
    const key = await aesKey(keys.serverPrivateKey, epk, 'decrypt');
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(file.iv), additionalData: encoder.encode(canonical(file.header)) },
      key,
      fromBase64(file.ciphertext),
    );
    return { header: file.header, payload: JSON.parse(new TextDecoder().decode(plain)) as BundlePayload };
  } catch {
    throw new BundleError('decrypt');
  }
}
