import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { applicationSheet } from '../../shared/exports/applicationSheet';
import { householdSheet } from '../../shared/exports/householdSheet';
import type { ExportSheet } from '../../shared/exports/sheet';
import { householdSchema } from '../../shared/schemas/household';
import { buildWorkbook } from '../../renderer/data/core/exports/workbook';
import { makeApplication, makeHousehold } from '../support/documents';

const VILLAGE = '371623102202';

async function readBack(bytes: Uint8Array): Promise<{ name: string; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const worksheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  worksheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: worksheet.name, rows };
}

const meta = { creator: '测试', created: new Date('2026-11-29T08:00:00Z') };

describe('the .xlsx written by the export, read back by exceljs', () => {
  it('holds the Chinese headers and every member row, ID numbers as text', async () => {
    const households = [makeHousehold(VILLAGE), makeHousehold(VILLAGE, { categories: ['tekun'] })].map((h) => householdSchema.parse(h));
    const sheet = householdSheet(households);
    const { name, rows } = await readBack(await buildWorkbook(sheet, meta));
    expect(name).toBe('家庭花名册');
    expect(rows[0]).toEqual(sheet.columns.map((c) => c.header));
    expect(rows).toHaveLength(1 + 4);
    const idColumn = sheet.columns.findIndex((c) => c.key === 'idNumber');
    const nameColumn = sheet.columns.findIndex((c) => c.key === 'memberName');
    const expected = households.flatMap((h) => h.members.map((m) => [m.name, m.idNumber]));
    expect(rows.slice(1).map((row) => [row[nameColumn], row[idColumn]])).toEqual(expected);
    // Stored as text: an 18-digit number would lose its last digits in Excel.
    expect(typeof rows[1]![idColumn]).toBe('string');
  });

  it('writes numbers as numbers and leaves empty cells empty', async () => {
    const household = makeHousehold(VILLAGE);
    const sheet: ExportSheet = applicationSheet([makeApplication(household)], new Map([[household.id, household]]), '2026-11-29');
    const { rows } = await readBack(await buildWorkbook(sheet, meta));
    const header = rows[0] as string[];
    const row = rows[1]!;
    expect(row[header.indexOf('共同生活人数')]).toBe(2);
    expect(row[header.indexOf('办理状态')]).toBe('草稿');
    expect(row[header.indexOf('申请人')]).toBe(household.members[0]!.name);
  });
});
