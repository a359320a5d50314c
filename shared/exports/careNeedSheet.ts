import { areaLabel } from '../areas';
import { chinaDateOf } from '../domain/chinaTime';
import type { CareNeed } from '../schemas/careNeed';
import { headOf, type Household } from '../schemas/household';
import { careStateWords, needWords, relationWords, severityWords } from './labels';
import { cellsOf, type ExportColumn, type ExportSheet } from './sheet';

/** 照料需求: one row per need, with its next follow-up still to be made. */
export const careNeedColumns: readonly ExportColumn[] = [
  { key: 'area', header: '所在地区', width: 28 },
  { key: 'head', header: relationWords.head, width: 12 },
  { key: 'member', header: '需求对象', width: 12 },
  { key: 'category', header: '需求类别', width: 12 },
  { key: 'severity', header: '紧急程度', width: 10 },
  { key: 'description', header: '需求情况', width: 40 },
  { key: 'servicePlan', header: '服务计划', width: 30 },
  { key: 'referrals', header: '转介数', width: 8 },
  { key: 'nextFollowUp', header: '下次回访日期', width: 12 },
  { key: 'state', header: '状态', width: 10 },
  { key: 'updatedOn', header: '更新日期', width: 12 },
];

function nextFollowUpDate(need: CareNeed): string {
  if (need.state !== 'open') return '';
  const due = need.followUps.filter((followUp) => !followUp.doneOn).map((followUp) => followUp.dueDate).sort();
  return due[0] ?? '';
}

export function careNeedSheet(needs: readonly CareNeed[], households: ReadonlyMap<string, Household>): ExportSheet {
  const rows = needs.map((need) => {
    const household = households.get(need.householdId);
    const member = need.memberId ? household?.members.find((m) => m.id === need.memberId) : undefined;
    return cellsOf(careNeedColumns, {
      area: areaLabel(need.areaCode),
      head: household ? (headOf(household)?.name ?? '') : '',
      member: member?.name ?? '',
      category: needWords[need.category],
      severity: severityWords[need.severity],
      description: need.description,
      servicePlan: need.servicePlan ?? '',
      referrals: need.referrals.length,
      nextFollowUp: nextFollowUpDate(need),
      state: careStateWords[need.state],
      updatedOn: chinaDateOf(need.updatedAt),
    });
  });
  return { kind: 'careNeeds', title: '照料需求', columns: careNeedColumns, rows };
}
