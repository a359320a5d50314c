import { Alert, App as AntApp, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { latestValidUntil } from '../../../shared/rules/actionRequirements';
import type { ApplicationAction } from '../../../shared/rules/applicationStatus';
import { addCalendarDays } from '../../../shared/rules/dates';
import { publicNoticeEndDate } from '../../../shared/rules/deadlines';
import { programmePathOf } from '../../../shared/rules/programmes';
import { preliminaryOutcomes, selfCareLevels, type PreliminaryOutcome, type SelfCareLevel } from '../../../shared/vocabulary/caseLife';
import { documentKinds, type Application, type DocumentKind } from '../../../shared/schemas/application';
import { ActionRefusedError, useApplyAction, type ActionInput } from '../../data';
import { fieldStatus } from '../forms/fieldStatus';
import { DATE_FORMAT, formatDate } from '../format';
import { defaultValidUntil, OneOffAmountField, ValidUntilField } from './ApprovalFields';

export interface ActionModalProps {
  application: Application;
  action: ApplicationAction;
  onClose: () => void;
}

type FieldName =
  | 'missingDocuments'
  | 'investigators'
  | 'investigationStartedOn'
  | 'findings'
  | 'preliminaryOpinion'
  | 'publicNoticeStart'
  | 'objections'
  | 'amount'
  | 'oneOffAmount'
  | 'validUntil'
  | 'refusalReason'
  | 'note';

/**
 * One step of the path in a small form: what `ActionInput` needs for it (缺少的材料, 调查人员,
 * 公示开始日期, 核定金额 …) and a note. The data layer checks the step again; what it refuses
 * is shown here, in its own words.
 */
/** A fact the investigation checked (yes or no), or did not. */
type Checked = 'yes' | 'no' | 'unknown';
const checkedChoices: readonly Checked[] = ['yes', 'no', 'unknown'];
const checkedOf = (value: boolean | undefined): Checked => (value === undefined ? 'unknown' : value ? 'yes' : 'no');

export function ActionModal({ application, action, onClose }: ActionModalProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const applyAction = useApplyAction();
  const today = chinaToday();
  const [note, setNote] = useState('');
  const [missingDocuments, setMissingDocuments] = useState<DocumentKind[]>(() =>
    application.documents.filter((doc) => doc.state === 'missing').map((doc) => doc.kind),
  );
  const [investigators, setInvestigators] = useState<string[]>([]);
  const [investigationStartedOn, setInvestigationStartedOn] = useState<string | undefined>(today);
  const [findings, setFindings] = useState('');
  const [publicNoticeStart, setPublicNoticeStart] = useState<string | undefined>(today);
  const [objections, setObjections] = useState('');
  const [amount, setAmount] = useState<number | null>(null);
  const [method, setMethod] = useState<'gap' | 'band'>('gap');
  const [refusalReason, setRefusalReason] = useState('');
  // The programme's path says how approval is expressed, and whether the township may close a case.
  const path = programmePathOf(application);
  const latestValid = path.recognitionMaxMonths !== undefined ? latestValidUntil(today, path.recognitionMaxMonths) : undefined;
  const [preliminaryOutcome, setPreliminaryOutcome] = useState<PreliminaryOutcome>('pass');
  const [preliminaryOpinion, setPreliminaryOpinion] = useState('');
  // What the investigation established beyond income, for the preview (特困: supporters and self-care too).
  const [propertyFact, setPropertyFact] = useState<Checked>(checkedOf(application.facts?.propertyWithinLimits));
  const [supporterFact, setSupporterFact] = useState<Checked>(checkedOf(application.facts?.legalSupporterAbleToSupport));
  const [selfCare, setSelfCare] = useState<SelfCareLevel | undefined>(application.facts?.selfCare);
  const asksTekunFacts = application.type === 'tekun';
  const [oneOffAmount, setOneOffAmount] = useState<number | null>(application.emergencyGrant?.amount ?? null);
  const [validUntil, setValidUntil] = useState<string | undefined>(defaultValidUntil(today, latestValid));
  const closing = action === 'refuse' && application.status !== 'pendingConfirmation';
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const checklistKinds = application.documents.map((doc) => doc.kind);
  const documentOptions = [...checklistKinds, ...documentKinds.filter((kind) => !checklistKinds.includes(kind))].map((kind) => ({
    value: kind,
    label: t(`application.documentKind.${kind}`),
  }));

  /** What the form asks before the data layer is called; the messages name the fix. */
  const check = (): Partial<Record<FieldName, string>> => {
    const found: Partial<Record<FieldName, string>> = {};
    if (action === 'return' && missingDocuments.length === 0) found.missingDocuments = t('application.actionModal.missingDocumentsRequired');
    if (action === 'startInvestigation' && new Set(investigators).size < 2) found.investigators = t('application.actionModal.investigatorsRequired');
    if (action === 'startInvestigation' && !investigationStartedOn) found.investigationStartedOn = t('application.actionModal.investigationStartedOnRequired');
    if (action === 'preliminaryReview' && !findings.trim()) found.findings = t('application.actionModal.findingsRequired');
    if (action === 'preliminaryReview' && preliminaryOutcome === 'negative' && !preliminaryOpinion.trim()) {
      found.preliminaryOpinion = t('programme.preliminary.opinionRequired');
    }
    if (action === 'startPublicNotice' && !publicNoticeStart) found.publicNoticeStart = t('application.actionModal.publicNoticeStartRequired');
    if (action === 'objection' && !objections.trim()) found.objections = t('application.actionModal.objectionsRequired');
    if (action === 'approve' && path.decision === 'monthlyAmount' && !(amount !== null && amount > 0)) found.amount = t('application.actionModal.approvedMonthlyAmountRequired');
    if (action === 'approve' && path.decision === 'oneOffAmount' && !(oneOffAmount !== null && oneOffAmount > 0)) found.oneOffAmount = t('programme.approve.oneOffAmountRequired');
    if (action === 'approve' && path.decision === 'recognition' && !validUntil) found.validUntil = t('programme.approve.validUntilRequired');
    if (action === 'refuse' && !refusalReason.trim()) found.refusalReason = t('application.actionModal.refusalReasonRequired');
    if (action === 'withdraw' && !note.trim()) found.note = t('application.actionModal.withdrawReasonRequired');
    return found;
  };

  const input = (): ActionInput => {
    const base: ActionInput = note.trim() ? { note: note.trim() } : {};
    switch (action) {
      case 'return':
        return { ...base, missingDocuments };
      case 'startInvestigation':
        return { ...base, investigators, ...(investigationStartedOn ? { investigationStartedOn } : {}) };
      case 'preliminaryReview':
        return {
          ...base,
          findings: findings.trim(),
          preliminaryOutcome,
          ...(preliminaryOutcome === 'negative' ? { preliminaryOpinion: preliminaryOpinion.trim() } : {}),
          facts: {
            ...(propertyFact === 'unknown' ? {} : { propertyWithinLimits: propertyFact === 'yes' }),
            ...(asksTekunFacts && supporterFact !== 'unknown' ? { legalSupporterAbleToSupport: supporterFact === 'yes' } : {}),
            ...(asksTekunFacts && selfCare ? { selfCare } : {}),
          },
        };
      case 'startPublicNotice':
        return { ...base, ...(publicNoticeStart ? { publicNoticeStart } : {}) };
      case 'objection':
        return { ...base, objections: objections.trim() };
      case 'approve':
        if (path.decision === 'oneOffAmount') return { ...base, ...(oneOffAmount !== null ? { oneOffAmount } : {}) };
        if (path.decision === 'recognition') return { ...base, ...(validUntil ? { validUntil } : {}) };
        return { ...base, ...(amount !== null ? { approvedMonthlyAmount: amount } : {}), method };
      case 'refuse':
        return { ...base, refusalReason: refusalReason.trim() };
      default:
        return base;
    }
  };

  const confirm = async () => {
    const found = check();
    setErrors(found);
    setProblems([]);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await applyAction(application.id, action, input());
      void message.success(t('application.savedLocally'));
      onClose();
    } catch (error) {
      setProblems(error instanceof ActionRefusedError ? error.problems : [t('common.saveFailed')]);
    } finally {
      setBusy(false);
    }
  };

  const dateInput = (id: string, value: string | undefined, onChange: (date: string | undefined) => void, latest?: string) => (
    <DatePicker
      id={id}
      format={DATE_FORMAT}
      value={value ? dayjs(value) : null}
      onChange={(date) => onChange(date ? date.format(DATE_FORMAT) : undefined)}
      disabledDate={latest ? (date) => date.format(DATE_FORMAT) > latest : undefined}
      placeholder={t('application.actionModal.datePlaceholder')}
      inputReadOnly={false}
      style={{ width: 240 }}
      data-testid={id}
    />
  );

  const fields: ReactNode = (() => {
    switch (action) {
      case 'return':
        return (
          <Form.Item label={t('application.actionModal.missingDocuments')} required {...fieldStatus(errors.missingDocuments)}>
            <Checkbox.Group
              value={missingDocuments}
              onChange={(kinds) => setMissingDocuments(kinds)}
              options={documentOptions}
              data-testid="action-missing-documents"
              style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
            />
          </Form.Item>
        );
      case 'startInvestigation':
        return (
          <>
            <Form.Item
              label={t('application.actionModal.investigators')}
              htmlFor="action-investigators"
              required
              extra={t('application.actionModal.investigatorsHint')}
              {...fieldStatus(errors.investigators)}
            >
              <Select
                id="action-investigators"
                mode="tags"
                value={investigators}
                onChange={(names: string[]) => setInvestigators([...new Set(names.map((name) => name.trim()).filter(Boolean))])}
                tokenSeparators={[',', '，', '、']}
                // eslint-disable-next-line @typescript-eslint/no-deprecated -- antd's Select hides its arrow with suffixIcon={null} and reads no `suffix` (the deprecation is rc-select's).
                suffixIcon={null}
                notFoundContent={null}
                open={false}
                data-testid="action-investigators"
              />
            </Form.Item>
            <Form.Item
              label={t('application.actionModal.investigationStartedOn')}
              htmlFor="action-investigation-started-on"
              required
              {...fieldStatus(errors.investigationStartedOn)}
            >
              {dateInput('action-investigation-started-on', investigationStartedOn, setInvestigationStartedOn, today)}
            </Form.Item>
          </>
        );
      case 'preliminaryReview':
        return (
          <>
            <Form.Item label={t('application.actionModal.findings')} htmlFor="action-findings" required {...fieldStatus(errors.findings)}>
              <Input.TextArea id="action-findings" value={findings} onChange={(e) => setFindings(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} data-testid="action-findings" />
            </Form.Item>
            <Form.Item label={t('programme.preliminary.outcomeLabel')} required>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                value={preliminaryOutcome}
                onChange={(e) => setPreliminaryOutcome(e.target.value as PreliminaryOutcome)}
                options={preliminaryOutcomes.map((value) => ({ value, label: t(`programme.preliminary.outcome.${value}`) }))}
                data-testid="action-preliminary-outcome"
              />
            </Form.Item>
            <Typography.Text type="secondary">{t('programme.preliminary.facts.title')}</Typography.Text>
            <Form.Item label={t('programme.preliminary.facts.property')}>
              <Radio.Group
                value={propertyFact}
                onChange={(e) => setPropertyFact(e.target.value as Checked)}
                options={checkedChoices.map((value) => ({ value, label: t(`programme.preliminary.facts.${value}`) }))}
                data-testid="action-fact-property"
              />
            </Form.Item>
            {asksTekunFacts && (
              <>
                <Form.Item label={t('programme.preliminary.facts.supporter')}>
                  <Radio.Group
                    value={supporterFact}
                    onChange={(e) => setSupporterFact(e.target.value as Checked)}
                    options={checkedChoices.map((value) => ({
                      value,
                      label: t(value === 'yes' ? 'programme.preliminary.facts.supporterYes' : value === 'no' ? 'programme.preliminary.facts.supporterNo' : 'programme.preliminary.facts.unknown'),
                    }))}
                    data-testid="action-fact-supporter"
                  />
                </Form.Item>
                <Form.Item label={t('programme.preliminary.facts.selfCare')}>
                  <Radio.Group
                    value={selfCare}
                    onChange={(e) => setSelfCare(e.target.value as SelfCareLevel)}
                    options={selfCareLevels.map((value) => ({ value, label: t(`programme.preliminary.facts.selfCareLevel.${value}`) }))}
                    data-testid="action-fact-self-care"
                  />
                </Form.Item>
              </>
            )}
            {preliminaryOutcome === 'negative' && (
              <Form.Item
                label={t('programme.preliminary.opinion')}
                htmlFor="action-preliminary-opinion"
                required
                extra={t('programme.preliminary.negativeNext')}
                {...fieldStatus(errors.preliminaryOpinion)}
              >
                <Input.TextArea
                  id="action-preliminary-opinion"
                  value={preliminaryOpinion}
                  onChange={(e) => setPreliminaryOpinion(e.target.value)}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  data-testid="action-preliminary-opinion"
                />
              </Form.Item>
            )}
          </>
        );
      case 'startPublicNotice':
        return (
          <Form.Item
            label={t('application.actionModal.publicNoticeStart')}
            htmlFor="action-public-notice-start"
            required
            extra={
              publicNoticeStart
                ? t('application.actionModal.publicNoticeEnds', {
                    end: formatDate(publicNoticeEndDate(publicNoticeStart)),
                    next: formatDate(addCalendarDays(publicNoticeEndDate(publicNoticeStart), 1)),
                  })
                : undefined
            }
            {...fieldStatus(errors.publicNoticeStart)}
          >
            {dateInput('action-public-notice-start', publicNoticeStart, setPublicNoticeStart, today)}
          </Form.Item>
        );
      case 'objection':
        return (
          <Form.Item label={t('application.actionModal.objections')} htmlFor="action-objections" required {...fieldStatus(errors.objections)}>
            <Input.TextArea id="action-objections" value={objections} onChange={(e) => setObjections(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} data-testid="action-objections" />
          </Form.Item>
        );
      case 'sendToCounty':
        return application.publicNotice?.start ? (
          <Typography.Paragraph>
            {t('application.actionModal.sendToCountyReady', { end: formatDate(publicNoticeEndDate(application.publicNotice.start)) })}
          </Typography.Paragraph>
        ) : null;
      case 'approve':
        if (path.decision === 'oneOffAmount') {
          return <OneOffAmountField application={application} today={today} amount={oneOffAmount} onChange={setOneOffAmount} error={errors.oneOffAmount} />;
        }
        if (path.decision === 'recognition') {
          return (
            <ValidUntilField today={today} value={validUntil} onChange={setValidUntil} latest={latestValid} maxMonths={path.recognitionMaxMonths} error={errors.validUntil} />
          );
        }
        return (
          <>
            <Form.Item label={t('application.actionModal.approvedMonthlyAmount')} htmlFor="action-amount" required {...fieldStatus(errors.amount)}>
              <InputNumber<number>
                id="action-amount"
                value={amount}
                onChange={(value) => setAmount(typeof value === 'number' ? value : null)}
                min={0}
                precision={2}
                step={10}
                controls={false}
                suffix={t('application.form.money')}
                data-testid="action-amount"
                style={{ width: 240 }}
              />
            </Form.Item>
            <Form.Item label={t('application.actionModal.method')} required>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                value={method}
                onChange={(e) => setMethod(e.target.value as 'gap' | 'band')}
                options={(['gap', 'band'] as const).map((value) => ({ value, label: t(`application.decisionMethod.${value}`) }))}
                data-testid="action-method"
              />
            </Form.Item>
          </>
        );
      case 'refuse':
        return (
          <Form.Item
            label={closing ? t('programme.close.reason') : t('application.actionModal.refusalReason')}
            htmlFor="action-refusal-reason"
            required
            {...fieldStatus(errors.refusalReason)}
          >
            <Input.TextArea id="action-refusal-reason" value={refusalReason} onChange={(e) => setRefusalReason(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} data-testid="action-refusal-reason" />
          </Form.Item>
        );
      default:
        return null;
    }
  })();

  const noteIsReason = action === 'withdraw';
  return (
    <Modal
      open
      title={closing ? t('programme.close.button') : t(`application.action.${action}`)}
      onCancel={onClose}
      mask={{ closable: false }}
      width={620}
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="action-cancel">
          {t('common.cancel')}
        </Button>,
        <Button key="confirm" type="primary" loading={busy} onClick={() => void confirm()} data-testid="action-confirm">
          {t('application.actionModal.confirm')}
        </Button>,
      ]}
    >
      {/* No submit on Enter: Enter confirms a typed date or a name in the investigators box. */}
      <Form layout="vertical" data-testid={`action-form-${action}`}>
        <Typography.Paragraph type="secondary">{closing
            ? t('programme.close.hint')
            : action === 'approve' && path.decision !== 'monthlyAmount'
              ? t(`programme.decisionForm.${path.decision}`)
              : t(`application.actionModal.hint.${action}`)}</Typography.Paragraph>
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('application.actionModal.refused')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            }
            data-testid="action-problems"
            style={{ marginBottom: 16 }}
          />
        )}
        {fields}
        <Form.Item
          label={noteIsReason ? t('application.actionModal.withdrawReason') : t('application.actionModal.note')}
          htmlFor="action-note"
          required={noteIsReason}
          {...fieldStatus(errors.note)}
        >
          <Input.TextArea
            id="action-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={noteIsReason ? undefined : t('application.actionModal.notePlaceholder')}
            autoSize={{ minRows: 2, maxRows: 6 }}
            data-testid="action-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
