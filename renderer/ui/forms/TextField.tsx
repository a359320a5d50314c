import { Form, Input } from 'antd';
import { Controller, type Control, type FieldPathByValue, type FieldValues } from 'react-hook-form';
import { fieldStatus } from './fieldStatus';

export interface TextFieldProps<T extends FieldValues, Out> {
  control: Control<T, unknown, Out>;
  name: FieldPathByValue<T, string | undefined>;
  /** The input's id; the visible label points at it, so `getByLabel(label)` finds the input. */
  id: string;
  label: string;
  /** Accessible name when it must say more than the visible label (成员1 姓名). */
  ariaLabel?: string;
  required?: boolean;
  placeholder?: string;
  extra?: string;
  kind?: 'text' | 'password' | 'url' | 'tel' | 'multiline';
  autoComplete?: string;
  autoFocus?: boolean;
  maxLength?: number;
  testId?: string;
}

/** One text field of a react-hook-form form, laid out as an antd Form.Item with its error under it. */
export function TextField<T extends FieldValues, Out>(props: TextFieldProps<T, Out>) {
  const { control, name, id, label, ariaLabel, required, placeholder, extra, kind = 'text' } = props;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const common = {
          id,
          ref: field.ref,
          name: field.name,
          value: typeof field.value === 'string' ? field.value : '',
          onChange: (event: { target: { value: string } }) => field.onChange(event.target.value),
          onBlur: field.onBlur,
          placeholder,
          autoComplete: props.autoComplete,
          autoFocus: props.autoFocus,
          maxLength: props.maxLength,
          'aria-label': ariaLabel,
          'aria-required': required || undefined,
          'aria-invalid': fieldState.invalid || undefined,
          'data-testid': props.testId,
        };
        return (
          <Form.Item label={label} htmlFor={id} required={required} extra={extra} {...fieldStatus(fieldState.error?.message)}>
            {kind === 'multiline' ? (
              <Input.TextArea {...common} autoSize={{ minRows: 3, maxRows: 10 }} />
            ) : kind === 'password' ? (
              <Input.Password {...common} />
            ) : (
              <Input {...common} type={kind} />
            )}
          </Form.Item>
        );
      }}
    />
  );
}
