import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HouseholdCircle } from '../../../shared/schemas/household';

const COLORS: Record<Exclude<HouseholdCircle, null>, string> = { core: 'red', middle: 'orange', outer: 'blue' };

/** 核心圈层 / 中间圈层 / 外围圈层, derived from the household's 4+N groups; 未选择类别 when none. */
export function CircleTag({ circle }: { circle: HouseholdCircle }) {
  const { t } = useTranslation();
  if (circle === null) return <span>{t('householdExtra.circle.none')}</span>;
  return (
    <Tag color={COLORS[circle]} data-circle={circle} style={{ fontSize: '0.9375rem', paddingInline: 10 }}>
      {t(`householdExtra.circle.${circle}`)}
    </Tag>
  );
}
