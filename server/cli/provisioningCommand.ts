import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { findArea } from '../../shared/areas';
import {
  PROVISIONING_FILE_NAME,
  PROVISIONING_KIND,
  provisioningSchema,
  provisioningText,
  type Provisioning,
} from '../../shared/wire/provisioning';

export const PROVISIONING_QR_NAME = 'jiuzhu-provisioning.png';

const USAGE =
  'usage: provisioning --server-url URL --county CODE --out DIR [--server-name NAME]\n' +
  '  writes DIR/jiuzhu-provisioning.json and DIR/jiuzhu-provisioning.png (a QR code of the same text):\n' +
  '  put the file beside the installed app (or in its resources folder), or import it on the sign-in page';

/**
 * `npm run server -- provisioning …`: the county's provisioning file and its QR code, so an
 * assistant types only a username and password. Opens no database: it only writes two files.
 */
export async function provisioningCommand(args: string[], now: () => Date = () => new Date()): Promise<Provisioning> {
  const { values } = parseArgs({
    args,
    options: {
      'server-url': { type: 'string' },
      'server-name': { type: 'string' },
      county: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (!values['server-url'] || !values.county || !values.out) throw new Error(USAGE);
  const county = findArea(values.county);
  if (county?.level !== 'county') throw new Error(`--county ${values.county}: 不是滨州市的县区代码（应为6位，如 371623）\n${USAGE}`);
  const parsed = provisioningSchema.safeParse({
    kind: PROVISIONING_KIND,
    version: 1,
    county: county.code,
    countyName: county.name,
    servers: [{ name: values['server-name'] ?? `${county.name}民政局`, url: values['server-url'] }],
    createdAt: now().toISOString(),
  });
  if (!parsed.success) throw new Error(`--server-url: ${parsed.error.issues.map((issue) => issue.message).join('；')}\n${USAGE}`);
  const provisioning = parsed.data;
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
  console.log(`wrote ${PROVISIONING_FILE_NAME} and ${PROVISIONING_QR_NAME} in ${values.out} for ${county.code} (${county.name}), server ${provisioning.servers[0]!.url}`);
  return provisioning;
}
