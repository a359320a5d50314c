/**
 * The server is compiled with Node's types only (server/tsconfig.json), and Node declares WebCrypto's
 * types in `node:crypto`'s `webcrypto` namespace, not as globals the way the DOM does. shared/ names
 * them as globals (`CryptoKey`, `JsonWebKey`: shared/webPlatform.d.ts, shared/sync/bundle.ts), and so
 * does the server's own WebCrypto code (server/bundles/bundleKeys.ts), so these aliases give the
 * global names Node's types: the same objects `crypto.subtle` hands out here.
 */
import type { webcrypto } from 'node:crypto';

declare global {
  type CryptoKey = webcrypto.CryptoKey;
  type CryptoKeyPair = webcrypto.CryptoKeyPair;
  type JsonWebKey = webcrypto.JsonWebKey;
}
