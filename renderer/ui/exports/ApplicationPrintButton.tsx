import { DownOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Role } from '../../../shared/auth/roles';
import type { ApplicationStatus } from '../../../shared/rules/applicationStatus';
import { applicationFormsFor } from './paperForms';

/**
 * 打印 on an application: its summary with history, the one-time notice, the pledge, and — for the
 * township and the county — the 审批表 and, once refused, the 不予批准通知书.
 */
export function ApplicationPrintButton({ applicationId, status, role }: { applicationId: string; status: ApplicationStatus; role: Role }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const items: MenuProps['items'] = applicationFormsFor(status, role).map((form) => ({
    key: form.key,
    label: <span data-testid={`application-print-${form.key}`}>{t(`exports.print.${form.label}`)}</span>,
  }));
  return (
    <Dropdown
      trigger={['click']}
      menu={{ items, onClick: ({ key }) => navigate(`/print/applications/${applicationId}/${key}`), style: { fontSize: '1rem' } }}
    >
      <Button icon={<PrinterOutlined />} data-testid="application-print">
        {t('exports.print.button')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
