import { DownOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

const forms = [
  { key: 'summary', label: 'applicationSummary' },
  { key: 'missing-items', label: 'missingItemsNotice' },
  { key: 'pledge', label: 'pledge' },
] as const;

/** 打印 on an application: its summary with history, the one-time notice, or the pledge. */
export function ApplicationPrintButton({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const items: MenuProps['items'] = forms.map((form) => ({
    key: form.key,
    label: <span data-testid={`application-print-${form.key}`}>{t(`exports.print.${form.label}`)}</span>,
  }));
  return (
    <Dropdown
      trigger={['click']}
      menu={{ items, onClick: ({ key }) => navigate(`/print/applications/${applicationId}/${key}`), style: { fontSize: 16 } }}
    >
      <Button icon={<PrinterOutlined />} data-testid="application-print">
        {t('exports.print.button')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
