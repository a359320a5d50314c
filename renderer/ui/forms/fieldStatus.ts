import type { FormItemProps } from 'antd';

/** Form.Item props that show one error message inline under the field (already in Chinese). */
export function fieldStatus(message: string | undefined): Pick<FormItemProps, 'validateStatus' | 'help'> {
  return message ? { validateStatus: 'error', help: message } : {};
}
