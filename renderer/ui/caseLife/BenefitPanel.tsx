import { Alert, App as AntApp, Button, Card, Descriptions, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/auth/roles';
import { reviewVisitToRecord } from '../../../shared/rules/benefit';
import type { Visit } from '../../../shared/schemas/visit';
import type { Application } from '../../../shared/schemas/application';
import { isLaterVisit, useVisits } from '../../data';
import { formatDate } from '../format';
import { BenefitChangeModal, type ChangeForm } from './BenefitChangeModal';
import { ReviewModal } from './ReviewModal';

const stateColor = { active: 'green', phasingOut: 'orange', stopped: 'default' } as const;

/**
 * 保障金发放 on an approved application: where the benefit stands, its changes and reviews, and
 * the steps of its life — a review's outcome (the township or the county) and 增发/减发, 渐退期,
 * 停发 (the county, B1 art. 31-33). A review that finds "adjust" or "stop" opens that form next.
 */
export function BenefitPanel({ application, role }: { application: Application; role: Role }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState<ChangeForm | 'review' | 'visitReview' | null>(null);
  const visits = useVisits(application.householdId);
  const benefit = application.benefit;
  if (!benefit) return null;
  const live = benefit.state !== 'stopped';
  const decides = role === 'county' && live;
  const reviews = (role === 'county' || role === 'township') && live;
  // The household's latest visit, if it was a review whose outcome is not on file yet.
  const latest = visits.reduce<Visit | undefined>((a, b) => (isLaterVisit(b, a) ? b : a), undefined);
  const visitToRecord = live ? reviewVisitToRecord(benefit, latest) : undefined;
  const none = <Typography.Text type="secondary">{t('caseLife.benefit.none')}</Typography.Text>;

  return (
    <Card
      title={t('caseLife.benefit.title')}
      style={{ marginBottom: 16 }}
      data-testid="benefit-panel"
      extra={
        <Flex gap={8} wrap>
          {reviews && (
            <Button onClick={() => setOpen('review')} data-testid="benefit-action-review">
              {t('caseLife.benefit.recordReview')}
            </Button>
          )}
          {decides && (
            <>
              <Button onClick={() => setOpen('adjust')} data-testid="benefit-action-adjust">
                {t('caseLife.reviewOutcome.adjust')}
              </Button>
              {benefit.state === 'active' && (
                <Button onClick={() => setOpen('phaseOut')} data-testid="benefit-action-phaseOut">
                  {t('caseLife.changeKind.phaseOut')}
                </Button>
              )}
              <Button danger onClick={() => setOpen('stop')} data-testid="benefit-action-stop">
                {t('caseLife.changeKind.stop')}
              </Button>
            </>
          )}
        </Flex>
      }
    >
      {visitToRecord?.reviewOutcome && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="benefit-visit-review"
          title={t('caseLife.visitReview.pending', { date: formatDate(visitToRecord.visitDate), outcome: t(`caseLife.reviewOutcome.${visitToRecord.reviewOutcome}`) })}
          action={
            reviews && (
              <Button onClick={() => setOpen('visitReview')} data-testid="benefit-visit-review-record">
                {t('caseLife.visitReview.record')}
              </Button>
            )
          }
        />
      )}
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('caseLife.benefit.title')}>
          <Tag color={stateColor[benefit.state]} data-testid="benefit-state">
            {t(`caseLife.state.${benefit.state}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('caseLife.benefit.amount')}>
          <span data-testid="benefit-amount">{t('caseLife.benefit.amountValue', { amount: benefit.monthlyAmount })}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('caseLife.benefit.fromMonth')}>{benefit.fromMonth}</Descriptions.Item>
        {benefit.phaseOutUntil && <Descriptions.Item label={t('caseLife.benefit.phaseOutUntil')}>{benefit.phaseOutUntil}</Descriptions.Item>}
        {benefit.stoppedFrom && (
          <Descriptions.Item label={t('caseLife.benefit.stoppedFrom')}>
            <span data-testid="benefit-stopped-from">{benefit.stoppedFrom}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5}>{t('caseLife.benefit.changes')}</Typography.Title>
      {benefit.changes.length === 0 ? (
        none
      ) : (
        <List
          size="small"
          dataSource={benefit.changes}
          data-testid="benefit-changes"
          renderItem={(change) => (
            <List.Item key={change.id}>
              {t('caseLife.benefit.changeLine', {
                month: change.month,
                kind: t(`caseLife.changeKind.${change.kind}`),
                amount: change.monthlyAmount !== undefined ? ` ${change.monthlyAmount}` : '',
                reason: change.reason,
                by: change.byName,
              })}
            </List.Item>
          )}
        />
      )}
      <Typography.Title level={5}>{t('caseLife.benefit.reviews')}</Typography.Title>
      {benefit.reviews.length === 0 ? (
        none
      ) : (
        <List
          size="small"
          dataSource={benefit.reviews}
          renderItem={(review) => (
            <List.Item key={review.id}>
              {t('caseLife.benefit.reviewLine', { on: review.on, outcome: t(`caseLife.reviewOutcome.${review.outcome}`), note: review.note ? `：${review.note}` : '' })}
            </List.Item>
          )}
        />
      )}
      {(open === 'review' || open === 'visitReview') && (
        <ReviewModal
          application={application}
          fromVisit={open === 'visitReview' ? visitToRecord : undefined}
          onClose={() => setOpen(null)}
          onRecorded={(outcome) => {
            // The county acts on the outcome at once; a township's "adjust" or "stop" goes on the county's 今日.
            if (role !== 'county' && outcome !== 'continue') void message.info(t('caseLife.review.forCounty'));
            setOpen(role === 'county' && outcome !== 'continue' ? outcome : null);
          }}
        />
      )}
      {open !== null && open !== 'review' && open !== 'visitReview' && <BenefitChangeModal application={application} form={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
