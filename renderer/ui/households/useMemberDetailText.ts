import { useTranslation } from 'react-i18next';
import type { DisabilityCategory } from '../../../shared/schemas/household';
import { formatDate } from '../format';
import { formatYuan } from './formatYuan';
import type { LabourAbility } from './householdDraft';

/** The detail fields a stored member and a member being typed have in common. */
export interface MemberDetails {
  disability?: { category?: DisabilityCategory | undefined; grade?: number | undefined } | undefined;
  seriousIllness?: boolean | undefined;
  labourAbility?: LabourAbility | undefined;
  wantsEmployment?: boolean | undefined;
  monthlyIncome?: number | null | undefined;
  deceasedOn?: string | undefined;
}

/** "智力残疾 3级 · 重特大疾病 · 有就业意愿 · 月收入 1200.00 元" — what 更多信息 holds, on one line. */
export function useMemberDetailText(member: MemberDetails | undefined): string {
  const { t } = useTranslation();
  if (!member) return '';
  const parts: string[] = [];
  const { category, grade } = member.disability ?? {};
  if (category) parts.push(`${t(`householdExtra.disability.${category}`)}${grade ? ` ${t('householdExtra.grade', { grade })}` : ''}`);
  if (member.seriousIllness) parts.push(t('householdExtra.detail.seriousIllness'));
  if (member.labourAbility) parts.push(t(`householdExtra.labour.${member.labourAbility}`));
  if (member.wantsEmployment) parts.push(t('householdExtra.form.wantsEmployment'));
  if (typeof member.monthlyIncome === 'number') parts.push(t('householdExtra.detail.incomeShort', { amount: formatYuan(member.monthlyIncome) }));
  if (member.deceasedOn) parts.push(t('householdExtra.detail.deceased', { date: formatDate(member.deceasedOn) }));
  return parts.join(' · ');
}
