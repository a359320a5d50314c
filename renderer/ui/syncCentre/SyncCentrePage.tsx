import { SyncOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useSyncNow, useSyncStatus } from '../../data';
import { ArrivalsToday } from './ArrivalsToday';
import { AttachmentsWaiting } from './AttachmentsWaiting';
import { CollectionStatusTable } from './CollectionStatusTable';
import { ConflictReview } from './ConflictReview';
import { UsbTransfer } from './UsbTransfer';
import { HandedToRelay } from '../relay/HandedToRelay';

/** 同步中心: the state of every kind of data, records to check, and (for townships) today's arrivals. */
export function SyncCentrePage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const status = useSyncStatus();
  const syncNow = useSyncNow();
  const isTownship = session?.user.role === 'township' || session?.user.role === 'social_worker';
  return (
    <Flex vertical gap={24} data-testid="sync-centre">
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('syncCentre.title')}
        </Typography.Title>
        <Button type="primary" size="large" icon={<SyncOutlined />} onClick={syncNow} disabled={status.syncing} data-testid="sync-centre-now">
          {t('sync.syncNow')}
        </Button>
      </Flex>
      <Typography.Paragraph>{t('syncCentre.intro')}</Typography.Paragraph>
      <CollectionStatusTable />
      <HandedToRelay />
      <AttachmentsWaiting />
      <ConflictReview />
      <UsbTransfer />
      {isTownship && <ArrivalsToday />}
    </Flex>
  );
}
