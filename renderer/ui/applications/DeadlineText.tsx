import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Deadline } from '../../../shared/rules/deadlines';
import { formatDate } from '../format';

/** Near = orange, overdue = red: dark shades, readable in the sun. */
export const deadlineColors: Record<Deadline['state'], string | undefined> = {
  done: undefined,
  ok: undefined,
  near: '#d46b08',
  overdue: '#cf1322',
};

/** "2026-03-05 到期 · 还剩 2 个工作日", coloured by its state. */
export function DeadlineText({ deadline, testId }: { deadline: Deadline; testId?: string }) {
  const { t } = useTranslation();
  const { state, unit, daysLeft } = deadline;
  if (state === 'done') {
    return (
      <Typography.Text data-testid={testId} data-state={state}>
        {t('application.deadline.dueDone', { date: formatDate(deadline.due) })}
      </Typography.Text>
    );
  }
  const remaining =
    state === 'overdue'
        ? t(`application.deadline.overdue.${unit}`, { count: Math.abs(daysLeft) })
        : daysLeft === 0
          ? t('application.deadline.today')
          : t(`application.deadline.left.${unit}`, { count: daysLeft });
  return (
    <Typography.Text
      data-testid={testId}
      data-state={state}
      strong={state === 'near' || state === 'overdue'}
      style={{ color: deadlineColors[state] }}
    >
      {t('application.deadline.due', { date: formatDate(deadline.due) })} · {remaining}
    </Typography.Text>
  );
}
