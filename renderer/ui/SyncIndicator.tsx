import { SyncOutlined } from '@ant-design/icons';
import { Badge, Button, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSyncNow, useSyncStatus } from '../data';
import { formatRecentTime } from './format';
import { useSyncErrorText } from './useSyncErrorText';
import { ServerKindLabel } from './relay/ServerKindLabel';

/** 在线/离线 · 县级服务器 or 乡镇中转站 · 待同步 N 条 · 上次同步 HH:mm · 立即同步 — in the header on every page. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  const syncNow = useSyncNow();
  const errorText = useSyncErrorText(status.lastError, status.requiredAppVersion);

  return (
    <Space size="middle" wrap data-testid="sync-indicator" role="status" aria-label={t('sync.label')} aria-live="polite">
      <span data-testid="sync-online" data-online={status.online}>
        <Badge status={status.online ? 'success' : 'default'} text={status.online ? t('sync.online') : t('sync.offline')} />
      </span>
      <ServerKindLabel />
      <span data-testid="sync-pending" data-pending={status.pending}>
        {t('sync.pending', { count: status.pending })}
      </span>
      <span data-testid="sync-last">
        {status.lastSyncAt === null ? t('sync.never') : t('sync.lastSync', { time: formatRecentTime(status.lastSyncAt) })}
      </span>
      {status.syncing && (
        <Space size="small" data-testid="sync-running">
          <Spin size="small" />
          {t('sync.syncing')}
        </Space>
      )}
      {errorText && (
        <Typography.Text type="warning" data-testid="sync-error" style={{ maxWidth: 360, display: 'inline-block' }}>
          {errorText}
        </Typography.Text>
      )}
      <Button icon={<SyncOutlined />} onClick={syncNow} disabled={status.syncing} data-testid="sync-now">
        {t('sync.syncNow')}
      </Button>
    </Space>
  );
}
