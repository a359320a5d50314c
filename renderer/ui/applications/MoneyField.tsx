import { Form, InputNumber } from 'antd';
import { Controller, type Control, type FieldPathByValue, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldStatus } from '../forms/fieldStatus';

export interface MoneyFieldProps<T extends FieldValues, Out> {
  control: Control<T, unknown, Out>;
  /** A field holding yuan as a number, or null while empty. */
  name: FieldPathByValue<T, number | null>;
  id: string;
  label: string;
  ariaLabel?: string;
  required?: boolean;
  extra?: string;
  testId?: string;
  width?: number;
}

/** An amount in 元 with two decimals: a number field with 元 after it, its error under it. */
export function MoneyField<T extends FieldValues, Out>(props: MoneyFieldProps<T, Out>) {
  const { t } = useTranslation();
  const { control, name, id, label, required, extra, width = 220 } = props;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Form.Item label={label} htmlFor={id} required={required} extra={extra} style={{ width }} {...fieldStatus(fieldState.error?.message)}>
          <InputNumber<number>
            id={id}
            ref={field.ref}
            value={typeof field.value === 'number' ? field.value : null}
            onChange={(value) => field.onChange(typeof value === 'number' ? value : null)}
            onBlur={field.onBlur}
            min={0}
            precision={2}
            step={100}
            controls={false}
            suffix={t('application.form.money')}
            aria-label={props.ariaLabel}
            aria-required={required || undefined}
            aria-invalid={fieldState.invalid || undefined}
            data-testid={props.testId}
            style={{ width: '100%' }}
          />
        </Form.Item>
      )}
    />
  );
}
