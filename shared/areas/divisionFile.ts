/**
 * A division file (统计用区划代码) the operator gives the server when villages are founded, merged
 * or renamed: the shape of binzhou.json (scripts/buildAreas.ts writes it) — `version`, the city,
 * its counties, townships and villages as [code, name] pairs. Checked whole before it is used:
 * every code of the right length for its level, under Binzhou, its parent present, named once.
 */
import { z } from 'zod';

type Entry = readonly [code: string, name: string];

export interface AreaData {
  version: string;
  city: Entry;
  counties: readonly Entry[];
  townships: readonly Entry[];
  villages: readonly Entry[];
}

const entry = z.tuple([z.string(), z.string().trim().min(1).max(60)]);

const fileShape = z.object({
  version: z.string().trim().min(1).max(200),
  city: entry,
  counties: z.array(entry).min(1),
  townships: z.array(entry).min(1),
  villages: z.array(entry).min(1),
});

export class DivisionFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DivisionFileError';
  }
}

const LEVELS = [
  { key: 'counties', word: '县（市、区）', length: 6, parentLength: 4 },
  { key: 'townships', word: '乡镇（街道）', length: 9, parentLength: 6 },
  { key: 'villages', word: '村（社区）', length: 12, parentLength: 9 },
] as const;

/** The file checked (DivisionFileError naming the code at fault otherwise); `cityCode` is the city it must be. */
export function parseDivisionFile(input: unknown, cityCode: string): AreaData {
  const parsed = fileShape.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `“${issue.path.join('.')}”` : '区划文件';
    throw new DivisionFileError(`区划文件格式不对：${where}应为 [代码, 名称]（与 shared/areas/binzhou.json 相同的格式）`);
  }
  const data = parsed.data;
  if (data.city[0] !== cityCode) throw new DivisionFileError(`区划文件的市代码是${data.city[0]}，不是滨州市（${cityCode}）`);
  const known = new Set<string>([cityCode]);
  for (const level of LEVELS) {
    for (const [code, name] of data[level.key]) {
      if (!new RegExp(`^\\d{${level.length}}$`).test(code)) {
        throw new DivisionFileError(`${level.word}“${name}”的代码${code}应为${level.length}位数字`);
      }
      if (!code.startsWith(cityCode)) throw new DivisionFileError(`${level.word}“${name}”的代码${code}不在滨州市（${cityCode}）之下`);
      if (!known.has(code.slice(0, level.parentLength))) {
        throw new DivisionFileError(`${level.word}“${name}”（${code}）的上级${code.slice(0, level.parentLength)}不在区划文件中`);
      }
      if (known.has(code)) throw new DivisionFileError(`代码${code}在区划文件中出现了不止一次`);
      known.add(code);
    }
  }
  return data;
}
