import { areaLabel } from '../areas';
import { chinaDateOf } from '../domain/chinaTime';
import { deadlineInputOf } from '../rules/deadlineInput';
import { applicationDeadlines, type Deadline } from '../rules/deadlines';
import type { Application } from '../schemas/application';
import type { Household } from '../schemas/household';
import { applicationModeWords, applicationTypeWords, deadlineStateWords, statusWords } from './labels';
import { cellsOf, type ExportColumn, type ExportSheet } from './sheet';

/** 救助申请台账: one row per application, with its status and the next deadline in words. */
export const applicationColumns: readonly ExportColumn[] = [
  { key: 'area', header: '所在地区', width: 28 },
  { key: 'applicant', header: '申请人', width: 12 },
  { key: 'type', header: '救助类型', width: 16 },
  { key: 'mode', header: '申请方式', width: 10 },
  { key: 'covered', header: '共同生活人数', width: 12 },
  { key: 'status', header: '办理状态', width: 14 },
  { key: 'acceptedOn', header: '受理日期', width: 12 },
  { key: 'deadline', header: '下一个办理时限', width: 36 },
  { key: 'deadlineDue', header: '到期日期', width: 12 },
  { key: 'deadlineState', header: '时限情况', width: 10 },
  { key: 'createdOn', header: '申请日期', width: 12 },
  { key: 'updatedOn', header: '更新日期', width: 12 },
];

/** The earliest deadline not yet done, as the application list shows it. */
export function nextOpenDeadline(application: Application, today: string): Deadline | undefined {
  return applicationDeadlines(deadlineInputOf(application), today)
    .filter((deadline) => deadline.state !== 'done')
    .sort((a, b) => a.due.localeCompare(b.due))[0];
}

export function applicationSheet(
  applications: readonly Application[],
  households: ReadonlyMap<string, Household>,
  today: string,
): ExportSheet {
  const rows = applications.map((application) => {
    const household = households.get(application.householdId);
    const applicant = household?.members.find((member) => member.id === application.applicantMemberId);
    const deadline = nextOpenDeadline(application, today);
    const accepted = application.history.filter((entry) => entry.action === 'accept').at(-1);
    return cellsOf(applicationColumns, {
      area: areaLabel(application.areaCode),
      applicant: applicant?.name ?? '',
      type: applicationTypeWords[application.type],
      mode: applicationModeWords[application.mode],
      covered: application.coveredMemberIds.length,
      status: statusWords[application.status],
      acceptedOn: accepted ? chinaDateOf(accepted.at) : '',
      deadline: deadline?.label ?? '',
      deadlineDue: deadline?.due ?? '',
      deadlineState: deadline ? deadlineStateWords[deadline.state] : '',
      createdOn: chinaDateOf(application.createdAt),
      updatedOn: chinaDateOf(application.updatedAt),
    });
  });
  return { kind: 'applications', title: '救助申请台账', columns: applicationColumns, rows };
}
