import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAwaitingCounty } from '../../data';

/** 待县里确认: the record waits at the township relay for the county (never shown as accepted until then). */
export function AwaitingCountyTag({ collection, id }: { collection: 'households' | 'visits' | 'applications' | 'careNeeds'; id: string }) {
  const { t } = useTranslation();
  const awaiting = useAwaitingCounty(collection);
  if (!awaiting.has(id)) return null;
  return (
    <Tooltip title={t('relay.awaitingHint')}>
      <Tag color="gold" data-testid="awaiting-county-tag">
        {t('relay.awaitingTag')}
      </Tag>
    </Tooltip>
  );
}
