import { DownOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { findArea } from '../../../shared/areas';
import type { Application } from '../../../shared/schemas/application';

/**
 * 打印村级公示名单 in the township's queue: one entry per village with applications in 公示,
 * each opening that village's list (/print/public-notice/:villageCode).
 */
export function PublicNoticeListButton({ applications }: { applications: readonly Pick<Application, 'areaCode' | 'status'>[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const villages = useMemo(() => {
    const counts = new Map<string, number>();
    for (const application of applications) {
      if (application.status === 'publicNotice') counts.set(application.areaCode, (counts.get(application.areaCode) ?? 0) + 1);
    }
    return [...counts].map(([code, count]) => ({ code, count, name: findArea(code)?.name ?? code })).sort((a, b) => a.code.localeCompare(b.code));
  }, [applications]);
  const items: MenuProps['items'] =
    villages.length > 0
      ? villages.map((village) => ({
          key: village.code,
          label: <span data-testid={`public-notice-village-${village.code}`}>{t('exports.print.publicNoticeVillage', { village: village.name, count: village.count })}</span>,
        }))
      : [{ key: 'none', disabled: true, label: t('exports.print.publicNoticeNone') }];
  return (
    <Dropdown
      trigger={['click']}
      menu={{ items, onClick: ({ key }) => key !== 'none' && navigate(`/print/public-notice/${key}`), style: { fontSize: '1rem' } }}
    >
      <Button icon={<PrinterOutlined />} data-testid="public-notice-print">
        {t('exports.print.publicNoticeList')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
