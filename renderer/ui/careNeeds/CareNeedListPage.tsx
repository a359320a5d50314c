import { Checkbox, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { careNeedSheet } from '../../../shared/exports/careNeedSheet';
import { useCareNeeds, useHouseholdsByIds, useReadHouseholds } from '../../data';
import { ExportButton } from '../exports/ExportButton';
import { useScopePrefix } from '../exports/useScopePrefix';
import { PageTitle } from '../PageTitle';
import { useTablePage } from '../useTablePage';
import { nextFollowUp } from './careNeedFacts';
import { CareNeedTable } from './CareNeedTable';

/** /care-needs — every care need in the township, the ones with the nearest follow-up first. */
export function CareNeedListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [showClosed, setShowClosed] = useState(false);
  const areaPrefix = useScopePrefix();
  // Closed needs are read only when asked for.
  const needs = useCareNeeds({ openOnly: !showClosed });
  const shown = useMemo(
    () =>
      needs
        .filter((need) => showClosed || need.state === 'open')
        .sort((a, b) => {
          // Open before closed; then by the next follow-up (none last); then newest first.
          if (a.state !== b.state) return a.state === 'open' ? -1 : 1;
          const da = nextFollowUp(a)?.dueDate ?? '9999-12-31';
          const db = nextFollowUp(b)?.dueDate ?? '9999-12-31';
          return da === db ? b.updatedAt - a.updatedAt : da.localeCompare(db);
        }),
    [needs, showClosed],
  );
  // For the 户主 and member names (encrypted): only the households of the page shown, archived ones too.
  const page = useTablePage(shown, showClosed ? 'all' : 'open');
  const householdIds = useMemo(() => page.rows.map((need) => need.householdId), [page.rows]);
  const { byId, loading } = useHouseholdsByIds(householdIds);
  const readHouseholds = useReadHouseholds();

  return (
    <>
      <PageTitle
        title={t('careNeed.list.title')}
        actions={
          <ExportButton
            build={async () => careNeedSheet(shown, await readHouseholds(shown.map((need) => need.householdId)))}
            count={shown.length}
            scope={{ areaPrefix, filter: { showClosed } }}
            testId="care-need-export"
          />
        }
      />
      <Typography.Paragraph type="secondary">{t('careNeed.list.intro')}</Typography.Paragraph>
      <Checkbox checked={showClosed} onChange={(event) => setShowClosed(event.target.checked)} data-testid="care-need-show-closed" style={{ marginBottom: 16 }}>
        {t('careNeed.list.showClosed')}
      </Checkbox>
      <CareNeedTable
        needs={shown}
        households={byId}
        showHousehold
        loading={loading}
        emptyText={t('careNeed.list.empty')}
        onOpen={(need) => navigate(`/care-needs/${need.id}`)}
        pagination={page.pagination}
      />
    </>
  );
}
