import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { findArea } from '../../shared/areas';
import {
  type ProvisioningServer,
  PROVISIONING_FILE_NAME,
  PROVISIONING_KIND,
  provisioningSchema,
  provisioningText,
  type Provisioning,
} from '../../shared/wire/provisioning';

export const PROVISIONING_QR_NAME = 'jiuzhu-provisioning.png';

const USAGE =
  'usage: provisioning --server-url URL --county CODE --out DIR [--server-name NAME] [--relay-url URL --relay-name NAME]...\n' +
  '  --relay-url/--relay-name (repeatable, each name right after its address): a township station\'s relay,\n' +
  '  listed after the county\'s server; the sign-in page then lets the assistant choose between them\n' +
  '  writes DIR/jiuzhu-provisioning.json and DIR/jiuzhu-provisioning.png (a QR code of the same text):\n' +
  '  put the file beside the installed app (or in its resources folder), or import it on the sign-in page';

/**
 * `npm run server -- provisioning …`: the county's provisioning file and its QR code, so an
 * assistant types only a username and password. Opens no database: it only writes two files.
 */
export async function provisioningCommand(args: string[], now: () => Date = () => new Date()): Promise<Provisioning> {
  const { values, tokens } = parseArgs({
    args,
    tokens: true,
    options: {
      'server-url': { type: 'string' },
      'server-name': { type: 'string' },
      'relay-url': { type: 'string', multiple: true },
      'relay-name': { type: 'string', multiple: true },
      county: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (!values['server-url'] || !values.county || !values.out) throw new Error(USAGE);
  const relays = relaysOf(tokens);
  const county = findArea(values.county);
  if (county?.level !== 'county') throw new Error(`--county ${values.county}: 不是滨州市的县区代码（应为6位，如 371623）\n${USAGE}`);
  const parsed = provisioningSchema.safeParse({
    kind: PROVISIONING_KIND,
    version: 1,
    county: county.code,
    countyName: county.name,
    servers: [{ name: values['server-name'] ?? `${county.name}民政局`, url: values['server-url'], kind: 'county' }, ...relays],
    createdAt: now().toISOString(),
  });
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((issue) => `${optionOf(issue.path)}: ${issue.message}`).join('\n')}\n${USAGE}`);
  const provisioning = parsed.data;
  const urls = provisioning.servers.map((server) => server.url);
  const twice = urls.find((url, index) => urls.indexOf(url) !== index);
  if (twice) throw new Error(`--relay-url ${twice}: 这个地址写了两次，每个服务器只写一次\n${USAGE}`);
  await mkdir(values.out, { recursive: true });
  await writeFile(join(values.out, PROVISIONING_FILE_NAME), `${provisioningText(provisioning)}\n`, 'utf8');
  // The QR code carries the same settings as compact text: a phone's scanner shows text the
  // sign-in page takes as pasted.
  await QRCode.toFile(join(values.out, PROVISIONING_QR_NAME), provisioningText(provisioning, false), {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    scale: 6,
  });
  const relayWords = relays.length > 0 ? `, relays ${provisioning.servers.slice(1).map((server) => server.url).join(' ')}` : '';
  console.log(`wrote ${PROVISIONING_FILE_NAME} and ${PROVISIONING_QR_NAME} in ${values.out} for ${county.code} (${county.name}), server ${provisioning.servers[0]!.url}${relayWords}`);
  return provisioning;
}

type ArgToken = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/**
 * The stations' relays in the order given: each --relay-name names the --relay-url just before it
 * (parseArgs's arrays alone would lose which name goes with which address).
 */
function relaysOf(tokens: ArgToken[]): ProvisioningServer[] {
  const relays: ProvisioningServer[] = [];
  let open: string | null = null;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'relay-url') {
      if (open !== null) throw new Error(`--relay-url ${open}: 缺少中转站的名称，请在它后面写 --relay-name（如 碣石山镇中转站）\n${USAGE}`);
      open = token.value ?? '';
    } else if (token.name === 'relay-name') {
      if (open === null) throw new Error(`--relay-name ${token.value ?? ''}: 前面缺少 --relay-url（中转站的地址）\n${USAGE}`);
      relays.push({ url: open, name: token.value ?? '', kind: 'relay' });
      open = null;
    }
  }
  if (open !== null) throw new Error(`--relay-url ${open}: 缺少中转站的名称，请在它后面写 --relay-name（如 碣石山镇中转站）\n${USAGE}`);
  return relays;
}

/** The option a problem in the file comes from, so the IT operator knows which one to fix. */
function optionOf(path: readonly PropertyKey[]): string {
  if (path[0] !== 'servers' || typeof path[1] !== 'number') return path[0] === 'servers' ? '--relay-url' : '--server-url';
  const which = path[1] === 0 ? 'server' : 'relay';
  const option = `--${which}-${path[2] === 'name' ? 'name' : 'url'}`;
  return path[1] === 0 ? option : `${option} (第${path[1]}个中转站)`;
}
