/**
 * 保障金花名册 as a payment office takes it: one row per household with its village, head, the
 * persons covered, the programme and the month's amount; a 小计 row after each village and a 合计
 * row at the end. Written in Chinese whatever the UI language, like every export.
 */
import { findArea } from '../areas';
import { rosterTotals, type RosterLine } from '../rules/roster';
import type { YearMonth } from '../rules/benefit';
import { applicationTypeTerms } from '../vocabulary/applicationTypes';
import { benefitStateTerms } from '../vocabulary/caseLife';
import { shortLabelsIn } from '../vocabulary/term';
import { cellsOf, type Cell, type ExportColumn, type ExportSheet } from './sheet';

export const rosterColumns: readonly ExportColumn[] = [
  { key: 'number', header: '序号', width: 6 },
  { key: 'village', header: '村（社区）', width: 20 },
  { key: 'head', header: '户主姓名', width: 12 },
  { key: 'persons', header: '保障人数', width: 10 },
  { key: 'type', header: '救助类型', width: 12 },
  { key: 'amount', header: '月保障金额（元）', width: 16 },
  { key: 'note', header: '备注', width: 24 },
];

const typeWords = shortLabelsIn(applicationTypeTerms, 'zh') as Record<string, string>;

/** A village's own name (its code when the area list lacks it). */
export const villageName = (code: string): string => findArea(code)?.name ?? code;

export function rosterSheet(month: YearMonth, lines: readonly RosterLine[]): ExportSheet {
  const rows: Cell[][] = [];
  const villages = [...new Set(lines.map((line) => line.areaCode))];
  let number = 0;
  for (const village of villages) {
    const own = lines.filter((line) => line.areaCode === village);
    for (const line of own) {
      number += 1;
      rows.push(
        cellsOf(rosterColumns, {
          number,
          village: villageName(village),
          head: line.headName,
          persons: line.persons,
          type: typeWords[line.type] ?? line.type,
          amount: line.monthlyAmount,
          note: line.phasingOut ? `${benefitStateTerms.phasingOut.zh}至${line.phaseOutUntil ?? ''}` : '',
        }),
      );
    }
    const sum = rosterTotals(own);
    rows.push(cellsOf(rosterColumns, { village: `${villageName(village)}小计`, persons: sum.persons, amount: sum.amount, note: `${sum.households}户` }));
  }
  const total = rosterTotals(lines);
  rows.push(cellsOf(rosterColumns, { village: '合计', persons: total.persons, amount: total.amount, note: `${total.households}户` }));
  return { kind: 'roster', title: `保障金花名册${month}`, columns: rosterColumns, rows };
}
