import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Flex, Select, Spin, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DEFAULT_STALE_DAYS, type VillageEndOfDay } from '../../../shared/stats/endOfDay';
import { useEndOfDayReport, useSyncStatus } from '../../data';
import { DATE_FORMAT, todayIsoDate } from '../format';
import { PageTitle } from '../PageTitle';
import { EndOfDaySummary } from './EndOfDaySummary';
import { VillageTable } from './VillageTable';
import { RelayVillagesWaiting } from '../relay/RelayVillagesWaiting';

const STALE_CHOICES = [1, 2, 3, 5, 7, 14, 30];

/**
 * 今日汇总 (issue #6): for the township at the end of the day, per village, what reached the
 * server, what waits for the township, and which assistants have not been online. It comes from
 * the server only; offline the page says so and points to the sync centre, which counts what this
 * laptop has received (its 今日各村上报 is not repeated here).
 */
export function EndOfDayPage() {
  const { t } = useTranslation();
  const [date, setDate] = useState(todayIsoDate);
  const [staleDays, setStaleDays] = useState(DEFAULT_STALE_DAYS);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const { report, loading, error, reload } = useEndOfDayReport(date, staleDays);
  const { online } = useSyncStatus();

  // Back online after a failed attempt: ask again without waiting for a click (only on the change,
  // so a server that stays unreachable is not asked in a loop).
  const wasOnline = useRef(online);
  useEffect(() => {
    if (online && !wasOnline.current && error === 'offline') reload();
    wasOnline.current = online;
  }, [online, error, reload]);

  const villages = useMemo(() => {
    const all = report?.villages ?? [];
    // Villages with an assistant account or some business first; the rest (no account, nothing) after.
    const active = (v: VillageEndOfDay) => v.assistants.length > 0 || v.receivedTotal > 0 || v.waiting > 0;
    const needsAttention = (v: VillageEndOfDay) =>
      v.overdue > 0 || v.assistants.some((a) => a.stale) || (v.assistants.length > 0 && v.receivedTotal === 0);
    const ordered = [...all.filter(active), ...all.filter((v) => !active(v))];
    return onlyProblems ? ordered.filter(needsAttention) : ordered;
  }, [report, onlyProblems]);

  return (
    <>
      <PageTitle
        title={t('endOfDay.title')}
        actions={
          <Button size="large" icon={<ReloadOutlined />} onClick={reload} loading={loading} data-testid="eod-refresh">
            {t('endOfDay.refresh')}
          </Button>
        }
      />
      <Typography.Paragraph style={{ fontSize: '1.0625rem' }}>{t('endOfDay.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('endOfDay.needsNetwork')} <Link to="/sync-centre" data-testid="eod-local-link">{t('endOfDay.localLink')}</Link>
      </Typography.Paragraph>
      <RelayVillagesWaiting />
      <Flex wrap gap={16} align="center" style={{ marginBottom: 16 }}>
        <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
          {t('endOfDay.date')}
          <DatePicker
            value={dayjs(date)}
            format={DATE_FORMAT}
            allowClear={false}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            onChange={(value) => value && setDate(value.format(DATE_FORMAT))}
            data-testid="eod-date"
          />
        </label>
        <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
          {t('endOfDay.staleDays')}
          <Select
            value={staleDays}
            style={{ minWidth: 100 }}
            options={STALE_CHOICES.map((days) => ({ value: days, label: t('endOfDay.staleOption', { count: days }) }))}
            onChange={setStaleDays}
            data-testid="eod-stale-days"
          />
        </label>
        <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
          <Switch checked={onlyProblems} onChange={setOnlyProblems} data-testid="eod-only-problems" />
          {t('endOfDay.onlyProblems')}
        </label>
      </Flex>
      {error ? (
        <Alert type={error === 'offline' ? 'info' : 'warning'} showIcon title={t(`endOfDay.${error}`)} data-testid="eod-error" data-error={error} />
      ) : loading || !report ? (
        <div style={{ padding: 48, textAlign: 'center' }} data-testid="eod-loading">
          <Spin description={t('endOfDay.loading')} size="large">
            <div style={{ minHeight: 80 }} />
          </Spin>
        </div>
      ) : (
        <Flex vertical gap={16} data-testid="eod-report" data-date={report.date}>
          <EndOfDaySummary report={report} />
          <Typography.Text type="secondary">{t('endOfDay.asOf', { date: report.asOf })}</Typography.Text>
          <VillageTable villages={villages} scope={report.scope} />
        </Flex>
      )}
    </>
  );
}
