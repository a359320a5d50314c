import { Alert, Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { syncedCollections } from '../../shared/sync/collections';
import { arrivedOf, remainingOf, useFirstSyncProgress, useSyncStatus, type KindProgress } from '../data';

const numberFormat = new Intl.NumberFormat('zh-CN');
const formatCount = (n: number) => numberFormat.format(n);

/**
 * 第一次接收数据: while a first sync runs (a township's is thousands of records), how much has
 * arrived and how much is left, per kind of record, above every page. The pages work meanwhile on
 * what has arrived, so the banner only informs; it goes away once every kind has been received.
 */
export function FirstSyncBanner() {
  const { t } = useTranslation();
  const { kinds, summary } = useFirstSyncProgress();
  const { online } = useSyncStatus();
  if (!summary.running) return null;

  const kindText = (name: string, progress: KindProgress) => {
    const kind = t(`syncCentre.collection.${name}` as 'syncCentre.collection.households');
    const arrived = formatCount(arrivedOf(progress));
    if (progress.done) return t('syncCentre.firstSync.kindDone', { kind, arrived });
    if (progress.storing) return t('syncCentre.firstSync.kindStoring', { kind, arrived });
    if (progress.total === null) return t('syncCentre.firstSync.kindNoTotal', { kind, arrived });
    return t('syncCentre.firstSync.kind', { kind, arrived, total: formatCount(progress.total) });
  };

  const arrived = formatCount(summary.arrived);
  const title =
    summary.remaining === null
      ? t('syncCentre.firstSync.titleNoTotal', { arrived })
      : summary.remaining === 0
        ? t('syncCentre.firstSync.titleStoring', { arrived })
        : t('syncCentre.firstSync.title', { arrived, remaining: formatCount(summary.remaining) });

  return (
    <div
      style={{ padding: '12px 24px 0' }}
      data-testid="first-sync"
      data-arrived={summary.arrived}
      data-remaining={summary.remaining ?? ''}
      role="status"
      aria-live="polite"
    >
      <Alert
        type="info"
        showIcon
        title={<span data-testid="first-sync-title">{title}</span>}
        description={
          <Flex vertical gap={4}>
            {summary.percent !== null && <Progress percent={summary.percent} size="small" status="active" aria-label={title} />}
            <Typography.Text>{t('syncCentre.firstSync.explain')}</Typography.Text>
            {!online && <Typography.Text type="warning">{t('syncCentre.firstSync.offline')}</Typography.Text>}
            <Flex wrap gap="4px 24px">
              {syncedCollections.flatMap((name) => {
                const progress = kinds[name];
                // A kind with nothing to receive says nothing.
                return progress && !(progress.done && progress.arrived === 0) ? [[name, progress] as const] : [];
              }).map(([name, progress]) => (
                <span
                  key={name}
                  data-testid={`first-sync-${name}`}
                  data-arrived={arrivedOf(progress)}
                  data-remaining={remainingOf(progress) ?? ''}
                >
                  {kindText(name, progress)}
                </span>
              ))}
            </Flex>
          </Flex>
        }
      />
    </div>
  );
}
