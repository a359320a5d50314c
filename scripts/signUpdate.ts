/**
 * The county's signing of laptop updates (README: "Updating the laptops").
 *
 *   npx tsx scripts/signUpdate.ts keygen --out DIR
 *     makes an Ed25519 key pair: DIR/update-signing-key.pem (PRIVATE: keep it off the server, on
 *     the machine or stick that signs releases) and DIR/update-public-key.pem (copy it over
 *     resources/update-public-key.pem before building the app, so the app carries it).
 *   npx tsx scripts/signUpdate.ts sign --key DIR/update-signing-key.pem [--version X.Y.Z] FILE…
 *     writes FILE.sig beside each installer: the signature of its version and SHA-512, in base64.
 *     The version is the one electron-builder wrote for FILE in the latest*.yml beside it, unless
 *     --version says it.
 */
import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isReleaseVersion, SIGNATURE_SUFFIX, updateSignatureMessage } from '../shared/files/updateSignature';

const USAGE = 'usage: signUpdate.ts keygen --out DIR | signUpdate.ts sign --key PRIVATE.pem [--version X.Y.Z] FILE…';

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

/**
 * The version electron-builder released `file` as: the `version:` of the latest*.yml beside it
 * that lists it. The laptop checks the signature against the version its feed announces, so
 * both come from the same file.
 */
export function releaseVersionOf(file: string): string {
  const dir = path.dirname(file);
  const name = path.basename(file);
  const versions = new Set<string>();
  for (const entry of readdirSync(dir)) {
    if (!/^latest.*\.ya?ml$/.test(entry)) continue;
    const text = readFileSync(path.join(dir, entry), 'utf8');
    const lists = text.split('\n').some((line) => /^[\s-]*(?:url|path):\s*['"]?(.+?)['"]?\s*$/.exec(line)?.[1] === name);
    const version = /^version:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(text)?.[1];
    if (lists && version) versions.add(version);
  }
  if (versions.size !== 1) {
    throw new Error(
      versions.size === 0
        ? `no latest*.yml beside ${name} lists it: give its version with --version`
        : `the latest*.yml files beside ${name} give different versions (${[...versions].join(', ')}): give it with --version`,
    );
  }
  return [...versions][0]!;
}

/** Signs one installer as `version` (by default from the latest*.yml beside it) with the county's private key (PEM); writes and returns `FILE.sig`. */
export function signInstaller(file: string, privateKeyPem: string, version: string = releaseVersionOf(file)): string {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the signing key must be an Ed25519 key (made by keygen)');
  if (!isReleaseVersion(version)) throw new Error(`not a release version: ${JSON.stringify(version)} (as in package.json, e.g. 0.3.0)`);
  const sha512 = createHash('sha512').update(readFileSync(file)).digest();
  const signature = sign(null, updateSignatureMessage(version, sha512), key).toString('base64');
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
    const { values, positionals } = parseArgs({ args: rest, options: { key: { type: 'string' }, version: { type: 'string' } }, allowPositionals: true });
    if (!values.key || positionals.length === 0) throw new Error(USAGE);
    const pem = readFileSync(values.key, 'utf8');
    for (const file of positionals) {
      const version = values.version ?? releaseVersionOf(file);
      console.log(`signed ${path.basename(file)} as ${version} → ${path.basename(signInstaller(file, pem, version))}`);
    }
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
