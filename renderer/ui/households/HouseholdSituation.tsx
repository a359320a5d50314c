import { Descriptions, Flex, Tag, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { circleOf, type Household } from '../../../shared/schemas/household';
import { CircleTag } from './CircleTag';

/** 困难群体与登记情况 of a household: 4+N groups, 圈层, 单人户, 单独登记备案, 收入不固定. */
export function HouseholdSituation({ household }: { household: Household }) {
  const { t } = useTranslation();
  const categories = household.categories ?? [];
  const singles = household.members.filter((member) => household.singlePersonUnitMemberIds?.includes(member.id));
  const items: DescriptionsProps['items'] = [
    {
      key: 'categories',
      label: t('householdExtra.detail.categories'),
      children:
        categories.length > 0 ? (
          <Flex gap={6} wrap data-testid="household-categories">
            {categories.map((category) => (
              <Tag key={category} data-category={category} style={{ fontSize: '0.9375rem' }}>
                {t(`householdExtra.category.${category}`)}
              </Tag>
            ))}
          </Flex>
        ) : (
          <span data-testid="household-categories">{t('householdExtra.detail.noCategories')}</span>
        ),
    },
    {
      key: 'circle',
      label: t('householdExtra.detail.circle'),
      children: (
        <span data-testid="household-circle">
          <CircleTag circle={circleOf(categories)} />
        </span>
      ),
    },
    {
      key: 'singlePerson',
      label: t('householdExtra.detail.singlePerson'),
      children: (
        <span data-testid="household-single-persons">
          {singles.length > 0 ? singles.map((member) => member.name).join(t('common.listSeparator')) : t('householdExtra.detail.none')}
        </span>
      ),
    },
    {
      key: 'income',
      label: t('householdExtra.detail.irregularIncome'),
      children: household.irregularIncome ? t('householdExtra.detail.irregularIncomeYes') : t('householdExtra.detail.irregularIncomeNo'),
    },
    ...(household.registeredSeparately
      ? [
          {
            key: 'registeredSeparately',
            label: t('householdExtra.detail.registeredSeparately'),
            span: 'filled' as const,
            children: (
              <Typography.Text type="warning" strong data-testid="household-registered-separately">
                {t('householdExtra.detail.registeredSeparatelyYes')}
              </Typography.Text>
            ),
          },
        ]
      : []),
  ];
  return (
    <section aria-labelledby="household-situation-title">
      <Typography.Title level={3} id="household-situation-title" style={{ marginBlock: 24 }}>
        {t('householdExtra.detail.situation')}
      </Typography.Title>
      <Descriptions bordered column={{ xs: 1, md: 2 }} items={items} data-testid="household-situation" />
    </section>
  );
}
