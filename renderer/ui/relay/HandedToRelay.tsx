import { Alert, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHandedToRelay } from '../../data';

/**
 * In the sync centre: what this laptop handed to the township relay and the county has not
 * answered (已交乡镇中转站，等待县里确认（N条）), and the county's refusals of such records.
 */
export function HandedToRelay() {
  const { t } = useTranslation();
  const { count, refusals, dismissRefusal } = useHandedToRelay();
  if (count === 0 && refusals.length === 0) return null;
  return (
    <Flex vertical gap={12}>
      {count > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="relay-handed-over"
          data-count={count}
          title={t('relay.handedOver', { count })}
          description={t('relay.handedOverExplain')}
        />
      )}
      {refusals.length > 0 && (
        <section aria-labelledby="relay-refusals-title" data-testid="relay-refusals">
          <Typography.Title level={4} id="relay-refusals-title">
            {t('relay.refusals.title')}
          </Typography.Title>
          <Typography.Paragraph>{t('relay.refusals.explain')}</Typography.Paragraph>
          {refusals.map((refusal) => (
            <Alert
              key={refusal.batchId}
              type="error"
              showIcon
              data-testid="relay-refusal"
              style={{ marginBottom: 8 }}
              title={t('relay.refusals.item', {
                collection: t(`syncCentre.collection.${refusal.collection}`),
                count: refusal.documentIds.length,
                message: refusal.message || t('relay.refusals.noMessage'),
              })}
              action={
                <Button size="small" onClick={() => void dismissRefusal(refusal.batchId)} data-testid="relay-refusal-dismiss">
                  {t('relay.refusals.dismiss')}
                </Button>
              }
            />
          ))}
        </section>
      )}
    </Flex>
  );
}
