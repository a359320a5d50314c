import { App as AntApp, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../../shared/schemas/household';
import { useSetHouseholdResidence, WriteRefusedError } from '../../data';
import { residenceOf } from '../applications/applicationFacts';
import { usePermissions } from '../usePermissions';

/**
 * 城乡属性: which 低保 standard (城市 or 农村) the household is judged by. Everyone sees it; the
 * township sets it (the write policy's `residence` group), the area's guess standing until then.
 */
export function ResidenceControl({ household }: { household: Household }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const can = usePermissions();
  const setResidence = useSetHouseholdResidence();
  const [saving, setSaving] = useState(false);
  const guess = residenceOf(household.areaCode);
  const editable = can.canChange('households', 'residence', household);
  const current = household.residence ?? 'area';

  const change = async (value: 'urban' | 'rural' | 'area') => {
    setSaving(true);
    try {
      await setResidence(household.id, value === 'area' ? null : value);
      void message.success(t('householdExtra.residence.saved'));
    } catch (error) {
      void message.error(error instanceof WriteRefusedError ? error.message : t('common.saveFailed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="household-residence-title" style={{ marginBottom: 24 }} data-testid="household-residence" data-residence={household.residence ?? guess}>
      <Typography.Title level={3} id="household-residence-title">
        {t('householdExtra.residence.title')}
      </Typography.Title>
      {editable ? (
        <Radio.Group value={current} disabled={saving} onChange={(event) => void change(event.target.value as 'urban' | 'rural' | 'area')} data-testid="household-residence-choice">
          <Space wrap>
            <Radio value="urban">{t('householdExtra.residence.urban')}</Radio>
            <Radio value="rural">{t('householdExtra.residence.rural')}</Radio>
            <Radio value="area">{t('householdExtra.residence.byArea', { guess: t(`householdExtra.residence.${guess}`) })}</Radio>
          </Space>
        </Radio.Group>
      ) : (
        <Typography.Paragraph>
          {household.residence
            ? t(`householdExtra.residence.${household.residence}`)
            : t('householdExtra.residence.byArea', { guess: t(`householdExtra.residence.${guess}`) })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">{t('householdExtra.residence.hint')}</Typography.Paragraph>
    </section>
  );
}
