/**
 * The county's signing of laptop updates (README: "Updating the laptops").
 *
 *   npx tsx scripts/signUpdate.ts keygen --out DIR
 *     makes an Ed25519 key pair: DIR/update-signing-key.pem (PRIVATE: keep it off the server, on
 *     the machine or stick that signs releases) and DIR/update-public-key.pem (copy it over
 *     resources/update-public-key.pem before building the app, so the app carries it).
 *   npx tsx scripts/signUpdate.ts sign --key DIR/update-signing-key.pem FILE…
 *     writes FILE.sig beside each installer: the signature of its SHA-512, in base64.
 */
import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SIGNATURE_SUFFIX, updateSignatureMessage } from '../shared/files/updateSignature';

const USAGE = 'usage: signUpdate.ts keygen --out DIR | signUpdate.ts sign --key PRIVATE.pem FILE…';

/** Makes the county's key pair in `dir`; never overwrites a key already there. */
export function makeUpdateKeys(dir: string): { privateKeyFile: string; publicKeyFile: string } {
  const privateKeyFile = path.join(dir, 'update-signing-key.pem');
  const publicKeyFile = path.join(dir, 'update-public-key.pem');
  if (existsSync(privateKeyFile)) throw new Error(`${privateKeyFile} exists already: a new key would refuse every update signed before it`);
  mkdirSync(dir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return { privateKeyFile, publicKeyFile };
}

/** Signs one installer with the county's private key (PEM); writes and returns `FILE.sig`. */
export function signInstaller(file: string, privateKeyPem: string): string {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the signing key must be an Ed25519 key (made by keygen)');
  const sha512 = createHash('sha512').update(readFileSync(file)).digest();
  const signature = sign(null, updateSignatureMessage(sha512), key).toString('base64');
  const sigFile = `${file}${SIGNATURE_SUFFIX}`;
  writeFileSync(sigFile, `${signature}\n`);
  return sigFile;
}

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  if (command === 'keygen') {
    const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
    if (!values.out) throw new Error(USAGE);
    const made = makeUpdateKeys(values.out);
    console.log(`private key (keep it secret, off the server): ${made.privateKeyFile}\npublic key (copy to resources/update-public-key.pem): ${made.publicKeyFile}`);
    return;
  }
  if (command === 'sign') {
    const { values, positionals } = parseArgs({ args: rest, options: { key: { type: 'string' } }, allowPositionals: true });
    if (!values.key || positionals.length === 0) throw new Error(USAGE);
    const pem = readFileSync(values.key, 'utf8');
    for (const file of positionals) console.log(`signed ${path.basename(file)} → ${path.basename(signInstaller(file, pem))}`);
    return;
  }
  throw new Error(USAGE);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
