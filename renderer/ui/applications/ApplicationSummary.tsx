import { Descriptions, type DescriptionsProps } from 'antd';
import { AwaitingCountyTag } from '../relay/AwaitingCountyTag';
import { useTranslation } from 'react-i18next';
import { areaLabel } from '../../../shared/areas';
import { publicNoticeEndDate } from '../../../shared/rules/deadlines';
import type { Application } from '../../../shared/schemas/application';
import { headOf, type Household } from '../../../shared/schemas/household';
import { formatDate, formatDateTime } from '../format';
import { memberOf } from './applicationFacts';
import { formatMoney } from './money';
import { programmeDecisionText, programmeSummaryItems } from './programmeSummaryItems';
import { StatusTag } from './StatusTag';

/** Who applies for what, where it stands, and what the township and county recorded on the way. */
export function ApplicationSummary({ application, household }: { application: Application; household: Household }) {
  const { t } = useTranslation();
  const separator = t('common.listSeparator');
  const name = (id: string) => memberOf(household, id)?.name ?? id;
  const field = (label: string, value: string) => t('application.detail.field', { label, value });
  const { investigation, publicNotice, decision, returnNotice } = application;
  const items: DescriptionsProps['items'] = [
    {
      key: 'applicant',
      label: t('application.detail.applicant'),
      children: <strong data-testid="application-applicant">{name(application.applicantMemberId)}</strong>,
    },
    { key: 'type', label: t('application.detail.type'), children: <span data-testid="application-type">{t(`application.type.${application.type}`)}</span> },
    { key: 'status', label: t('application.detail.status'), children: (
        <>
          <StatusTag status={application.status} /> <AwaitingCountyTag collection="applications" id={application.id} />
        </>
      ),
    },
    {
      key: 'household',
      label: t('application.detail.household'),
      children: [headOf(household)?.name ?? t('household.noHead'), areaLabel(household.areaCode), household.address].join(' · '),
    },
    { key: 'mode', label: t('application.detail.mode'), children: t(`application.mode.${application.mode}`) },
    { key: 'assistance', label: t('application.detail.assistance'), children: t(`application.assistance.${application.assistance}`) },
    { key: 'covered', label: t('application.detail.covered'), children: application.coveredMemberIds.map(name).join(separator) },
    {
      key: 'single',
      label: t('application.detail.singlePersonUnit'),
      children: application.singlePersonUnit ? t('application.detail.yes') : t('application.detail.no'),
    },
    { key: 'createdAt', label: t('application.detail.createdAt'), children: formatDateTime(application.createdAt) },
    { key: 'updatedAt', label: t('application.detail.updatedAt'), children: formatDateTime(application.updatedAt) },
    {
      key: 'reason',
      label: t('application.detail.reason'),
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{application.reason || t('common.notFilled')}</span>,
      span: 'filled',
    },
  ];
  if (returnNotice?.note) {
    items.push({ key: 'returnNote', label: t('application.detail.returnNote'), children: returnNotice.note, span: 'filled' });
  }
  if (investigation) {
    items.push({
      key: 'investigation',
      label: t('application.detail.investigation'),
      span: 'filled',
      children: (
        <div data-testid="application-investigation">
          <div>{field(t('application.detail.investigators'), investigation.investigators.join(separator))}</div>
          {investigation.startedOn && <div>{field(t('application.detail.investigationStartedOn'), formatDate(investigation.startedOn))}</div>}
          {investigation.findings && <div style={{ whiteSpace: 'pre-wrap' }}>{field(t('application.detail.findings'), investigation.findings)}</div>}
        </div>
      ),
    });
  }
  if (publicNotice?.start) {
    items.push({
      key: 'publicNotice',
      label: t('application.detail.publicNotice'),
      span: 'filled',
      children: (
        <div data-testid="application-public-notice">
          {t('application.detail.publicNoticeRange', {
            start: formatDate(publicNotice.start),
            end: formatDate(publicNoticeEndDate(publicNotice.start)),
          })}
          {publicNotice.objections && (
            <div>{field(t('application.detail.objections'), publicNotice.objections)}</div>
          )}
        </div>
      ),
    });
  }
  items.push(...programmeSummaryItems(application, t));
  if (decision && (application.status === 'approved' || application.status === 'refused')) {
    items.push({
      key: 'decision',
      label: t('application.detail.decision'),
      span: 'filled',
      children: (
        <strong data-testid="application-decision">
          {programmeDecisionText(application, t) ??
            (application.status === 'approved' && decision.approvedMonthlyAmount !== undefined
            ? t('application.detail.approvedAmount', {
                amount: formatMoney(decision.approvedMonthlyAmount),
                method: t(`application.decisionMethod.${decision.method ?? 'gap'}`),
              })
            : t('application.detail.refusalReason', { reason: decision.refusalReason ?? '' }))}
        </strong>
      ),
    });
  }
  return <Descriptions bordered column={{ xs: 1, md: 2 }} items={items} data-testid="application-summary" style={{ marginBottom: 24 }} />;
}
