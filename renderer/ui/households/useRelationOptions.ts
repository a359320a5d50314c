import { useTranslation } from 'react-i18next';
import { memberRelations, type MemberRelation } from '../../../shared/schemas/household';

/** 与户主关系 choices in the schema's order: 户主, 配偶, 子女, … */
export function useRelationOptions(): { value: MemberRelation; label: string }[] {
  const { t } = useTranslation();
  return memberRelations.map((relation) => ({ value: relation, label: t(`household.relation.${relation}`) }));
}
