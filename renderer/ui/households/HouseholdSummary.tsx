import { Descriptions, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { areaLabel } from '../../../shared/areas';
import { headOf, type Household } from '../../../shared/schemas/household';
import { formatDateTime } from '../format';

/** The household's header facts: 户主, 所在村, 住址, 电话, 备注, 更新时间. */
export function HouseholdSummary({ household }: { household: Household }) {
  const { t } = useTranslation();
  const notFilled = t('common.notFilled');
  const items: DescriptionsProps['items'] = [
    { key: 'head', label: t('household.detail.head'), children: headOf(household)?.name ?? t('household.noHead') },
    { key: 'village', label: t('household.detail.village'), children: areaLabel(household.areaCode) },
    { key: 'address', label: t('household.detail.address'), children: household.address, span: 'filled' },
    { key: 'phone', label: t('household.detail.phone'), children: household.phone || notFilled },
    { key: 'updatedAt', label: t('household.detail.updatedAt'), children: formatDateTime(household.updatedAt) },
    { key: 'note', label: t('household.detail.note'), children: household.note || notFilled, span: 'filled' },
  ];
  return <Descriptions bordered column={{ xs: 1, md: 2 }} items={items} data-testid="household-summary" />;
}
