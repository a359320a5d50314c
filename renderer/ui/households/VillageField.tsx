import { Form, Input, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { areaLabel, villagesIn } from '../../../shared/areas';
import { fieldStatus } from '../forms/fieldStatus';

export interface VillageFieldProps {
  /** The user's scope prefix; a full 12-digit village code means the village is fixed. */
  scope: string;
  value: string | undefined;
  onChange: (areaCode: string) => void;
  error?: string | undefined;
}

const VILLAGE_CODE_LENGTH = 12;

/** 所在村: fixed (read-only) for a village assistant, a searchable choice for wider scopes. */
export function VillageField({ scope, value, onChange, error }: VillageFieldProps) {
  const { t } = useTranslation();
  const fixed = scope.length === VILLAGE_CODE_LENGTH;
  const options = useMemo(() => {
    if (fixed) return [];
    // Inside one township the village name is enough; wider scopes need the township too.
    const nameOnly = scope.length >= 9;
    return villagesIn(scope).map((village) => ({
      value: village.code,
      label: nameOnly ? village.name : areaLabel(village.code),
    }));
  }, [fixed, scope]);

  return (
    <Form.Item label={t('household.form.village')} htmlFor="household-village" required {...fieldStatus(error)}>
      {fixed ? (
        <Input id="household-village" readOnly value={value ? areaLabel(value) : ''} variant="filled" data-testid="household-village" />
      ) : (
        <Select
          id="household-village"
          showSearch={{ optionFilterProp: 'label' }}
          options={options}
          value={value}
          onChange={onChange}
          placeholder={t('household.form.villagePlaceholder')}
          notFoundContent={t('household.form.villageSearchHint')}
          aria-required
          aria-invalid={error ? true : undefined}
          data-testid="household-village"
          style={{ maxWidth: 420 }}
        />
      )}
    </Form.Item>
  );
}
