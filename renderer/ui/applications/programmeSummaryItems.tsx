import type { DescriptionsProps } from 'antd';
import type { TFunction } from 'i18next';
import type { Application } from '../../../shared/schemas/application';
import { formatDate } from '../format';
import { formatMoney } from './money';

type Items = NonNullable<DescriptionsProps['items']>;

/** What the programme's own steps recorded: the 初审 opinion, the 信息核对, the 急难 grant. */
export function programmeSummaryItems(application: Application, t: TFunction): Items {
  const items: Items = [];
  const { preliminaryReview, verification, emergencyGrant } = application;
  if (preliminaryReview) {
    items.push({
      key: 'preliminaryReview',
      label: t('programme.preliminary.outcomeLabel'),
      span: 'filled',
      children: (
        <span data-testid="application-preliminary-review" style={{ whiteSpace: 'pre-wrap' }}>
          {[t(`programme.preliminary.outcome.${preliminaryReview.outcome}`), preliminaryReview.opinion].filter(Boolean).join('：')}
        </span>
      ),
    });
  }
  if (verification) {
    items.push({
      key: 'verification',
      label: t('programme.verification.title'),
      span: 'filled',
      children: (
        <span data-testid="application-verification">
          {t('programme.verification.shown', { result: t(`programme.verification.result.${verification.result}`), date: formatDate(verification.checkedOn) })}
          {verification.note ? ` · ${verification.note}` : ''}
        </span>
      ),
    });
  }
  if (emergencyGrant) {
    items.push({
      key: 'emergencyGrant',
      label: t('programme.emergency.title'),
      span: 'filled',
      children: (
        <strong data-testid="application-emergency-grant">
          {t('programme.emergency.shown', {
            amount: formatMoney(emergencyGrant.amount),
            date: formatDate(emergencyGrant.grantedOn),
            due: formatDate(emergencyGrant.fileDueBy),
          })}
        </strong>
      ),
    });
  }
  return items;
}

/** An approval in its programme's form, where it is not a monthly amount; undefined otherwise. */
export function programmeDecisionText(application: Application, t: TFunction): string | undefined {
  const decision = application.decision;
  if (application.status !== 'approved' || !decision) return undefined;
  if (decision.oneOffAmount !== undefined) return t('programme.decision.oneOff', { amount: formatMoney(decision.oneOffAmount) });
  if (decision.validUntil !== undefined) return t('programme.decision.validUntil', { date: formatDate(decision.validUntil) });
  return undefined;
}
