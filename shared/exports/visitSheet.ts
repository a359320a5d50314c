import { areaLabel } from '../areas';
import { headOf, type Household } from '../schemas/household';
import type { Visit } from '../schemas/visit';
import { LIST_SEPARATOR, needWords, relationWords, visitTypeWords } from './labels';
import { cellsOf, type ExportColumn, type ExportSheet } from './sheet';

/** 走访记录: one row per visit. */
export const visitColumns: readonly ExportColumn[] = [
  { key: 'area', header: '所在地区', width: 28 },
  { key: 'head', header: relationWords.head, width: 12 },
  { key: 'visitDate', header: '走访日期', width: 12 },
  { key: 'type', header: '走访类型', width: 10 },
  { key: 'investigators', header: '走访人', width: 18 },
  { key: 'membersPresent', header: '在场成员', width: 18 },
  { key: 'findings', header: '走访情况', width: 50 },
  { key: 'healthChanges', header: '健康和残疾状况变化', width: 24 },
  { key: 'needsFound', header: '发现的需求', width: 20 },
  { key: 'nextVisitDate', header: '下次走访日期', width: 12 },
];

export function visitSheet(visits: readonly Visit[], households: ReadonlyMap<string, Household>): ExportSheet {
  const rows = visits.map((visit) => {
    const household = households.get(visit.householdId);
    const present = (visit.membersPresent ?? [])
      .map((id) => household?.members.find((member) => member.id === id)?.name)
      .filter((name): name is string => Boolean(name));
    return cellsOf(visitColumns, {
      area: areaLabel(visit.areaCode),
      head: household ? (headOf(household)?.name ?? '') : '',
      visitDate: visit.visitDate,
      type: visitTypeWords[visit.type],
      investigators: visit.investigators.join(LIST_SEPARATOR),
      membersPresent: present.join(LIST_SEPARATOR),
      findings: visit.findings,
      healthChanges: visit.healthChanges ?? '',
      needsFound: (visit.needsFound ?? []).map((need) => needWords[need]).join(LIST_SEPARATOR),
      nextVisitDate: visit.nextVisitDate ?? '',
    });
  });
  return { kind: 'visits', title: '走访记录', columns: visitColumns, rows };
}
