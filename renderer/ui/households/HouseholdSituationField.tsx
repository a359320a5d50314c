import { Checkbox, Flex, Form, Tag, Typography } from 'antd';
import { Controller, useWatch, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { circleOf, householdCategories } from '../../../shared/schemas/household';
import { fieldStatus } from '../forms/fieldStatus';
import type { HouseholdDraft, HouseholdValues } from './householdDraft';
import { CircleTag } from './CircleTag';

/** The four core groups of 4+N on one row, the N on the next. */
const CATEGORY_ROWS = [
  { key: 'main', categories: householdCategories.slice(0, 4) },
  { key: 'other', categories: householdCategories.slice(4) },
] as const;

export interface HouseholdSituationFieldProps {
  control: Control<HouseholdDraft, unknown, HouseholdValues>;
}

/**
 * 困难群体类别与登记情况: the 4+N groups (with the 圈层 they put the household in), which members
 * may apply alone as 单人户, 单独登记备案 and 收入不固定.
 */
export function HouseholdSituationField({ control }: HouseholdSituationFieldProps) {
  const { t } = useTranslation();
  const categories = useWatch({ control, name: 'categories' });
  const members = useWatch({ control, name: 'members' });

  return (
    <section aria-labelledby="household-situation-title" style={{ marginTop: 24 }}>
      <Typography.Title level={4} id="household-situation-title">
        {t('householdExtra.form.situation')}
      </Typography.Title>
      <Controller
        control={control}
        name="categories"
        render={({ field, fieldState }) => (
          <Form.Item label={t('householdExtra.form.categories')} extra={t('householdExtra.form.categoriesHint')} {...fieldStatus(fieldState.error?.message)}>
            <Flex vertical gap={4} role="group" aria-label={t('householdExtra.form.categories')}>
              {CATEGORY_ROWS.map((row) => (
                <Flex key={row.key} wrap gap={8} align="center">
                  <Typography.Text type="secondary" style={{ width: 88 }}>
                    {t(`householdExtra.form.categoryRow.${row.key}`)}
                  </Typography.Text>
                  {row.categories.map((category) => (
                    <Checkbox
                      key={category}
                      checked={field.value.includes(category)}
                      onChange={(event) =>
                        field.onChange(toggle(field.value, category, event.target.checked, householdCategories))
                      }
                      data-testid={`household-category-${category}`}
                      style={{ minWidth: 150, paddingBlock: 4 }}
                    >
                      {t(`householdExtra.category.${category}`)}
                    </Checkbox>
                  ))}
                </Flex>
              ))}
            </Flex>
          </Form.Item>
        )}
      />
      <Form.Item label={t('householdExtra.form.circle')}>
        <output data-testid="household-circle" aria-label={t('householdExtra.form.circle')}>
          <CircleTag circle={circleOf(categories)} />
        </output>
      </Form.Item>
      <Controller
        control={control}
        name="singlePersonUnitMemberIds"
        render={({ field, fieldState }) => (
          <Form.Item label={t('householdExtra.form.singlePerson')} extra={t('householdExtra.form.singlePersonHint')} {...fieldStatus(fieldState.error?.message)}>
            <Flex wrap gap={8} role="group" aria-label={t('householdExtra.form.singlePerson')}>
              {members.map((member, index) => {
                const n = index + 1;
                const name = member.name.trim() || t('householdExtra.form.memberUnnamed', { n });
                return (
                  <Checkbox
                    key={member.id}
                    checked={field.value.includes(member.id)}
                    onChange={(event) => field.onChange(toggle(field.value, member.id, event.target.checked))}
                    data-testid={`household-single-person-${n}`}
                    style={{ minWidth: 150, paddingBlock: 4 }}
                  >
                    {name}
                  </Checkbox>
                );
              })}
            </Flex>
          </Form.Item>
        )}
      />
      <Controller
        control={control}
        name="registeredSeparately"
        render={({ field }) => (
          <Form.Item extra={t('householdExtra.form.registeredSeparatelyHint')}>
            <Checkbox
              ref={field.ref}
              checked={field.value}
              onChange={(event) => field.onChange(event.target.checked)}
              data-testid="household-registered-separately"
            >
              {t('householdExtra.form.registeredSeparately')}
            </Checkbox>
            {field.value && (
              <Tag color="orange" style={{ marginInlineStart: 8 }} data-testid="household-county-visit">
                {t('householdExtra.form.countyVisit')}
              </Tag>
            )}
          </Form.Item>
        )}
      />
      <Controller
        control={control}
        name="irregularIncome"
        render={({ field }) => (
          <Form.Item extra={t('householdExtra.form.irregularIncomeHint')}>
            <Checkbox
              ref={field.ref}
              checked={field.value}
              onChange={(event) => field.onChange(event.target.checked)}
              data-testid="household-irregular-income"
            >
              {t('householdExtra.form.irregularIncome')}
            </Checkbox>
          </Form.Item>
        )}
      />
    </section>
  );
}

/** Adds or removes `item`, keeping `order` (the schema's order of categories) when given. */
function toggle<T extends string>(list: readonly T[], item: T, on: boolean, order?: readonly T[]): T[] {
  const without = list.filter((x) => x !== item);
  if (!on) return without;
  const next = [...without, item];
  return order ? order.filter((x) => next.includes(x)) : next;
}

