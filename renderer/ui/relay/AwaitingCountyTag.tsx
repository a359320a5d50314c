import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAwaitingCounty } from '../../data';

/** 待县里确认: the record waits at the township relay for the county (never shown as accepted until then). */
export function AwaitingCountyTag({ collection, id }: { collection: 'households' | 'visits' | 'applications' | 'careNeeds'; id: string }) {
  const awaiting = useAwaitingCounty(collection);
  return awaiting.has(id) ? <AwaitingCountyMark /> : null;
}

/**
 * The tag itself, for a table that asks `useAwaitingCounty` once for all its rows rather than
 * once per row (one subscription and one re-render instead of twenty on a page of 20).
 */
export function AwaitingCountyMark() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('relay.awaitingHint')}>
      <Tag color="gold" data-testid="awaiting-county-tag">
        {t('relay.awaitingTag')}
      </Tag>
    </Tooltip>
  );
}
