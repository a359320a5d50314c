import { areaLabel } from '../areas';
import { chinaDateOf } from '../domain/chinaTime';
import { headOf, type Household, type Member } from '../schemas/household';
import {
  disabilityWords,
  householdCategoryWords,
  labourWords,
  LIST_SEPARATOR,
  relationWords,
  sexWords,
} from './labels';
import { cellsOf, type ExportColumn, type ExportSheet } from './sheet';

/** 家庭花名册: one row per member, the household's columns repeated, so a filter on any column works in Excel. */
export const householdColumns: readonly ExportColumn[] = [
  { key: 'area', header: '所在地区', width: 28 },
  { key: 'head', header: relationWords.head, width: 12 },
  { key: 'size', header: '家庭人数', width: 10 },
  { key: 'categories', header: '困难类别', width: 20 },
  { key: 'address', header: '家庭住址', width: 30 },
  { key: 'phone', header: '联系电话', width: 14 },
  { key: 'memberName', header: '成员姓名', width: 12 },
  { key: 'relation', header: '与户主关系', width: 12 },
  { key: 'idNumber', header: '身份证号', width: 22 },
  { key: 'sex', header: '性别', width: 6 },
  { key: 'birthDate', header: '出生日期', width: 12 },
  { key: 'disability', header: '残疾情况', width: 14 },
  { key: 'seriousIllness', header: '重特大疾病', width: 10 },
  { key: 'labour', header: '劳动能力', width: 16 },
  { key: 'monthlyIncome', header: '月收入（元）', width: 12 },
  { key: 'archived', header: '已归档', width: 8 },
  { key: 'updatedOn', header: '更新日期', width: 12 },
];

/** 智力残疾3级, or empty without a disability. */
export function disabilityText(member: Pick<Member, 'disability'>): string {
  return member.disability ? `${disabilityWords[member.disability.category]}${member.disability.grade}级` : '';
}

/** The head first, then the others in the order they were registered. */
function membersInOrder(household: Household): Member[] {
  const head = headOf(household);
  return head ? [head, ...household.members.filter((member) => member !== head)] : household.members;
}

export function householdSheet(households: readonly Household[]): ExportSheet {
  const rows = households.flatMap((household) => {
    const shared = {
      area: areaLabel(household.areaCode),
      head: headOf(household)?.name ?? '',
      size: household.members.length,
      categories: (household.categories ?? []).map((category) => householdCategoryWords[category]).join(LIST_SEPARATOR),
      address: household.address,
      phone: household.phone ?? '',
      archived: household.archived ? '是' : '',
      updatedOn: chinaDateOf(household.updatedAt),
    };
    return membersInOrder(household).map((member) =>
      cellsOf(householdColumns, {
        ...shared,
        memberName: member.name,
        relation: relationWords[member.relation],
        idNumber: member.idNumber,
        sex: sexWords[member.sex],
        birthDate: member.birthDate,
        disability: disabilityText(member),
        seriousIllness: member.seriousIllness ? '是' : '',
        labour: member.labourAbility ? labourWords[member.labourAbility] : '',
        monthlyIncome: member.monthlyIncome ?? null,
      }),
    );
  });
  return { kind: 'households', title: '家庭花名册', columns: householdColumns, rows };
}
