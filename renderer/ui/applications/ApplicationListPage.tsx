import { Select, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { applicationStatuses, type ApplicationStatus } from '../../../shared/rules/applicationStatus';
import type { Application } from '../../../shared/schemas/application';
import { useApplications, useAuth, useReadHouseholds, type ApplicationFilter } from '../../data';
import { applicationSheet } from '../../../shared/exports/applicationSheet';
import { ExportButton } from '../exports/ExportButton';
import { PublicNoticeListButton } from '../exports/PublicNoticeListButton';
import { useScopePrefix } from '../exports/useScopePrefix';
import { PageTitle } from '../PageTitle';
import { useTablePage } from '../useTablePage';
import { ApplicationTable } from './ApplicationTable';
import { countyQueueStatuses, isTownshipTab, townshipQueueStatuses, townshipTabs } from './queues';
import { useApplicationHouseholds } from './useApplicationHouseholds';

function isStatus(value: string | null): value is ApplicationStatus {
  return (applicationStatuses as readonly (string | null)[]).includes(value);
}

/**
 * /applications — every application in the user's area; `?queue=township` is the township's
 * 待办审核 (tabs by step), `?queue=county` the county's 审核确认 (待县审核确认 only).
 */
export function ApplicationListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { session } = useAuth();
  const role = session?.user.role;
  const queue = params.get('queue');
  const mode = queue === 'township' && role === 'township' ? 'township' : queue === 'county' && role === 'county' ? 'county' : 'all';
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const tabParam = params.get('tab');
  const tab = isTownshipTab(tabParam) ? tabParam : 'submitted';

  const filter = useMemo<ApplicationFilter>(() => {
    if (mode === 'township') return { statuses: townshipQueueStatuses };
    if (mode === 'county') return { statuses: countyQueueStatuses };
    return status ? { statuses: [status] } : {};
  }, [mode, status]);
  const { applications, loading } = useApplications(filter);
  // What the table lists: the township's queue shows one step (tab) at a time.
  const listed = useMemo(() => {
    if (mode !== 'township') return applications;
    const statuses: readonly string[] = townshipTabs.find((item) => item.key === tab)?.statuses ?? [];
    return applications.filter((application) => statuses.includes(application.status));
  }, [applications, mode, tab]);
  // Applicants' names are in the (encrypted) households: read those of the 20 rows shown only.
  const page = useTablePage(listed, `${mode} ${status ?? ''} ${tab}`);
  const { byId: households, loading: readingHouseholds } = useApplicationHouseholds(page.rows);
  const readHouseholds = useReadHouseholds();
  const today = chinaToday();
  const areaPrefix = useScopePrefix();
  const exportButton = (filter: { status?: ApplicationStatus; queue?: 'township' | 'county'; tab?: string }) => (
    <ExportButton
      build={async () => applicationSheet(listed, await readHouseholds(listed.map((application) => application.householdId)), today)}
      count={listed.length}
      scope={{ areaPrefix, filter }}
      testId="application-export"
    />
  );
  const open = (application: Application) => navigate(`/applications/${application.id}`);
  const table = (emptyText: string) => (
    <ApplicationTable
      applications={listed}
      households={households}
      loading={loading || readingHouseholds}
      today={today}
      emptyText={emptyText}
      onOpen={open}
      pagination={page.pagination}
    />
  );

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  if (mode === 'township') {
    const items = townshipTabs.map(({ key, statuses }) => {
      const count = applications.filter((application) => (statuses as readonly string[]).includes(application.status)).length;
      const label = t(`application.list.tabs.${key}`);
      return {
        key,
        label: <span data-testid={`queue-tab-${key}`}>{t('application.list.tabCount', { label, count })}</span>,
        // Only the open tab has a table: the others are not on screen.
        children: key === tab ? table(t('application.list.emptyQueue')) : null,
      };
    });
    return (
      <>
        <PageTitle
          title={t('application.list.townshipTitle')}
          actions={
            <>
              <PublicNoticeListButton applications={applications} />
              {exportButton({ queue: 'township', tab })}
            </>
          }
        />
        <Typography.Paragraph type="secondary">{t('application.list.townshipHint')}</Typography.Paragraph>
        <Tabs activeKey={tab} onChange={(key) => setParam('tab', key)} items={items} size="large" data-testid="township-queue" />
      </>
    );
  }

  return (
    <>
      <PageTitle
        title={mode === 'county' ? t('application.list.countyTitle') : t('application.list.title')}
        actions={exportButton(mode === 'county' ? { queue: 'county' } : status ? { status } : {})}
      />
      {mode === 'county' ? (
        <Typography.Paragraph type="secondary">{t('application.list.countyHint')}</Typography.Paragraph>
      ) : (
        <Select<ApplicationStatus | 'all'>
          value={status ?? 'all'}
          onChange={(value) => setParam('status', value === 'all' ? undefined : value)}
          options={[
            { value: 'all', label: t('application.list.allStatuses') },
            ...applicationStatuses.map((value) => ({ value, label: t(`application.status.${value}`) })),
          ]}
          aria-label={t('application.list.statusFilter')}
          data-testid="application-status-filter"
          style={{ width: 240, marginBottom: 16 }}
        />
      )}
      {table(mode === 'county' ? t('application.list.emptyQueue') : t('application.list.empty'))}
    </>
  );
}
