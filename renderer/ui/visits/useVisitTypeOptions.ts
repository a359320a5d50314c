import { useTranslation } from 'react-i18next';
import { visitTypes, type VisitType } from '../../../shared/schemas/visit';

/** 走访类型 choices: 日常走访, 排查, 入户调查, 回访, 急难走访. */
export function useVisitTypeOptions(): { value: VisitType; label: string }[] {
  const { t } = useTranslation();
  return visitTypes.map((type) => ({ value: type, label: t(`visit.type.${type}`) }));
}
