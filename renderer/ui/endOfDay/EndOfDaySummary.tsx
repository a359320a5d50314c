import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EndOfDayReport } from '../../../shared/stats/endOfDay';

/** The four figures at the top: villages that sent, records received, applications waiting, assistants offline. */
export function EndOfDaySummary({ report }: { report: EndOfDayReport }) {
  const { t } = useTranslation();
  const { totals } = report;
  const cards = [
    {
      key: 'villagesSent',
      value: totals.villagesSent,
      shown: t('endOfDay.totals.villagesSentValue', { sent: totals.villagesSent, all: report.villages.length }),
    },
    { key: 'received', value: totals.received },
    { key: 'waiting', value: totals.waiting, suffix: totals.overdue > 0 ? `（${t('endOfDay.totals.overdue')} ${totals.overdue}）` : undefined },
    { key: 'staleAssistants', value: totals.staleAssistants, warn: totals.staleAssistants > 0 },
  ] as const;
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col xs={12} md={6} key={card.key}>
          <Card data-testid={`eod-total-${card.key}`} data-value={card.value}>
            <Statistic
              title={t(`endOfDay.totals.${card.key}`)}
              value={'shown' in card ? card.shown : card.value}
              {...('suffix' in card && card.suffix ? { suffix: card.suffix } : {})}
              {...('warn' in card && card.warn ? { styles: { content: { color: '#cf1322' } } } : {})}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
