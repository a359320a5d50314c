import { PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatTrackingCode } from '../../../shared/domain/trackingCode';
import type { Application } from '../../../shared/schemas/application';
import { useRevokeTrackingCode } from '../../data';
import { usePermissions } from '../usePermissions';

/**
 * 码上查 on an accepted application: the code the 受理回执 printed (打印 again from here), and — for whoever the write
 * policy lets (the township, the county) — 停用, after which the page shows nothing for it.
 */
export function TrackingCodePanel({ application }: { application: Application }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = usePermissions();
  const revoke = useRevokeTrackingCode();
  const code = application.trackingCode;
  if (!code) return null;
  const revoked = application.trackingRevoked === true;
  const stop = async () => {
    try {
      await revoke(application.id);
      void message.success(t('application.tracking.revokeDone'));
    } catch {
      void message.error(t('application.tracking.revokeFailed'));
    }
  };
  return (
    <section aria-labelledby="application-tracking-title" style={{ marginBottom: 24 }} data-testid="application-tracking" data-revoked={revoked}>
      <Typography.Title level={3} id="application-tracking-title">
        {t('application.tracking.title')}
      </Typography.Title>
      <Space size="middle" wrap>
        <Typography.Text strong data-testid="application-tracking-code">
          {t('application.tracking.code', { code: formatTrackingCode(code) })}
        </Typography.Text>
        {revoked ? <Tag color="red">{t('application.tracking.revoked')}</Tag> : <Typography.Text type="secondary">{t('application.tracking.active')}</Typography.Text>}
        {!revoked && (
          <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/applications/${application.id}/receipt`)} data-testid="application-tracking-print">
            {t('exports.print.acceptanceReceipt')}
          </Button>
        )}
        {!revoked && can.canChange('applications', 'trackingRevoked', application) && (
          <Popconfirm
            title={t('application.tracking.revokeConfirm')}
            okText={t('application.tracking.revoke')}
            cancelText={t('common.cancel')}
            onConfirm={() => void stop()}
          >
            <Button danger icon={<StopOutlined />} data-testid="application-tracking-revoke">
              {t('application.tracking.revoke')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </section>
  );
}
