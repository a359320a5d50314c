import { z } from 'zod';

/**
 * The provisioning file (issue 16): what a county hands every laptop so an assistant types only a
 * username and password — the server address and the county. Made by
 * `npm run server -- provisioning …` as `jiuzhu-provisioning.json` and a QR code of the same text;
 * read by the desktop host from beside the app, or imported on the sign-in page in a browser.
 *
 * `servers` is a list with names so a second address (a township's relay, issue 17) fits without
 * a new version: the county's server first (the one an app of issue 16 signs in to), then the
 * stations' relays, which a newer sign-in page offers as a choice. Fields a later version adds are
 * dropped on reading, so an older app still reads a newer file.
 */
export const PROVISIONING_FILE_NAME = 'jiuzhu-provisioning.json';
export const PROVISIONING_KIND = 'jiuzhu-provisioning';

const serverUrl = z
  .string()
  .trim()
  .max(300, '服务器地址太长')
  .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i, '服务器地址应以 http:// 或 https:// 开头，不含空格')
  .transform((url) => url.replace(/\/+$/, ''));

/** The county's own server, or a township station's relay (`npm run server -- relay`, issue 17). */
export const SERVER_KINDS = ['county', 'relay'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export const provisioningServerSchema = z.object({
  /** What the helpdesk calls it: 县民政局服务器, 某某镇中转站. */
  name: z.string().trim().min(1, '服务器名称不能为空').max(60, '服务器名称太长'),
  url: serverUrl,
  /** Which kind it is, so the sign-in page can say it in words; a kind this app does not know is left out, never refused. */
  kind: z.enum(SERVER_KINDS).optional().catch(undefined),
});

export type ProvisioningServer = z.infer<typeof provisioningServerSchema>;

export const provisioningSchema = z.object({
  kind: z.literal(PROVISIONING_KIND, '不是救助通的配置文件'),
  version: z.literal(1, '配置文件的版本不是本程序能读的（应为 1）'),
  /** The county's 6-digit area code (371623 无棣县). */
  county: z.string().regex(/^\d{6}$/, '县区代码应为6位数字'),
  countyName: z.string().trim().min(1, '县区名称不能为空').max(30, '县区名称太长'),
  servers: z.array(provisioningServerSchema).min(1, '至少要有一个服务器地址').max(8, '服务器地址太多（最多8个）'),
  /** When the county made it (ISO time): the helpdesk tells two files apart. */
  createdAt: z.iso.datetime({ offset: true, message: '制作时间格式不对' }),
});

export type Provisioning = z.infer<typeof provisioningSchema>;

/** Field names in the words a helpdesk uses, for the messages below. */
const FIELD_WORDS: Record<string, string> = {
  kind: '文件类型',
  version: '版本',
  county: '县区代码',
  countyName: '县区名称',
  servers: '服务器列表',
  name: '服务器名称',
  url: '服务器地址',
  createdAt: '制作时间',
};

function fieldWords(path: readonly PropertyKey[]): string {
  const words = path.map((part) => (typeof part === 'number' ? `第${part + 1}个` : (FIELD_WORDS[String(part)] ?? String(part))));
  return words.join('');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const part of path) at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[part] : undefined;
  return at;
}

export type ProvisioningReading = { ok: true; provisioning: Provisioning } | { ok: false; problems: string[] };

/**
 * Reads a provisioning file's text (or a QR code's, the same text): the settings, or what is
 * wrong in words, one line per field — never a stack trace, never the file's content.
 */
export function readProvisioningText(text: string): ProvisioningReading {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problems: ['文件内容不是配置文件（不是有效的 JSON 文本），请用县民政局发的 jiuzhu-provisioning.json 或二维码内容'] };
  }
  const parsed = provisioningSchema.safeParse(raw);
  if (parsed.success) return { ok: true, provisioning: parsed.data };
  // A field of the wrong type says only that (zod may check its length as well).
  const mistyped = new Set(parsed.error.issues.filter((issue) => issue.code === 'invalid_type').map((issue) => issue.path.join('.')));
  const issues = parsed.error.issues.filter((issue) => issue.code === 'invalid_type' || !mistyped.has(issue.path.join('.')));
  const problems = issues.map((issue) => {
    const field = fieldWords(issue.path);
    // zod's own words for a missing or mistyped field are English: say it in the file's terms.
    const message = issue.code === 'invalid_type' ? (valueAt(raw, issue.path) === undefined ? '缺少这一项' : '格式不对') : issue.message;
    return field ? `${field}：${message}` : message;
  });
  return { ok: false, problems: [...new Set(problems)] };
}

/** The file's text as the county writes it (and as the QR code carries it, compact). */
export function provisioningText(provisioning: Provisioning, pretty = true): string {
  return JSON.stringify(provisioning, null, pretty ? 2 : undefined);
}
