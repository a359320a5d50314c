import { DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { Controller, type Control, type FieldPathByValue, type FieldValues } from 'react-hook-form';
import { DATE_FORMAT } from '../format';
import { fieldStatus } from './fieldStatus';

export interface DateFieldProps<T extends FieldValues, Out> {
  control: Control<T, unknown, Out>;
  /** A field holding a 'YYYY-MM-DD' string (undefined when optional and empty). */
  name: FieldPathByValue<T, string | undefined>;
  id: string;
  label: string;
  placeholder: string;
  required?: boolean;
  extra?: string;
  testId?: string;
}

/** A zh_CN date picker whose form value is the 'YYYY-MM-DD' string the shared schemas expect. */
export function DateField<T extends FieldValues, Out>(props: DateFieldProps<T, Out>) {
  const { control, name, id, label, placeholder, required, extra } = props;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Form.Item label={label} htmlFor={id} required={required} extra={extra} {...fieldStatus(fieldState.error?.message)}>
          <DatePicker
            id={id}
            ref={field.ref}
            name={field.name}
            format={DATE_FORMAT}
            placeholder={placeholder}
            value={typeof field.value === 'string' && field.value ? dayjs(field.value) : null}
            onChange={(date) => field.onChange(date ? date.format(DATE_FORMAT) : undefined)}
            onBlur={field.onBlur}
            allowClear={!required}
            inputReadOnly={false}
            style={{ width: '100%', maxWidth: 280 }}
            aria-required={required || undefined}
            aria-invalid={fieldState.invalid || undefined}
            data-testid={props.testId}
          />
        </Form.Item>
      )}
    />
  );
}
