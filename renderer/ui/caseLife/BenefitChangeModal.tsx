import { Alert, App as AntApp, Button, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { addMonthsTo, PHASE_OUT_MAX_MONTHS } from '../../../shared/rules/benefit';
import type { Application } from '../../../shared/schemas/application';
import type { BenefitChangeKind } from '../../../shared/vocabulary/caseLife';
import { ActionRefusedError, useChangeBenefit } from '../../data';
import { fieldStatus } from '../forms/fieldStatus';
import { effectiveMonths } from './monthOptions';

/** 调整金额 offers 增发 or 减发; the others are one kind each. */
export type ChangeForm = 'adjust' | 'phaseOut' | 'stop';

type FieldName = 'month' | 'amount' | 'until' | 'reason';

/**
 * 增发/减发, 渐退期 or 停发 from a month, with the reason (B1 art. 31-33). The form asks what the
 * rules need; the data layer checks again (shared/rules/benefit.ts) and the server once more.
 */
export function BenefitChangeModal({ application, form, onClose }: { application: Application; form: ChangeForm; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const changeBenefit = useChangeBenefit();
  const benefit = application.benefit!;
  const today = chinaToday();
  const months = effectiveMonths(benefit.fromMonth, today);
  const [kind, setKind] = useState<BenefitChangeKind>(form === 'adjust' ? 'decrease' : form);
  const [month, setMonth] = useState<string | undefined>();
  const [amount, setAmount] = useState<number | null>(null);
  const [until, setUntil] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const needsAmount = kind === 'increase' || kind === 'decrease';

  const confirm = async () => {
    const found: Partial<Record<FieldName, string>> = {};
    if (!month) found.month = t('caseLife.change.monthRequired');
    if (needsAmount && amount === null) found.amount = t('caseLife.change.amountRequired');
    if (kind === 'phaseOut' && !until) found.until = t('caseLife.change.untilRequired');
    if (!reason.trim()) found.reason = t('caseLife.change.reasonRequired');
    setErrors(found);
    if (Object.keys(found).length > 0 || !month) return;
    setBusy(true);
    try {
      await changeBenefit(application.id, {
        kind,
        month,
        ...(amount !== null ? { monthlyAmount: amount } : {}),
        reason,
        ...(kind === 'phaseOut' && until ? { phaseOutUntil: until } : {}),
      });
      void message.success(t('caseLife.change.saved'));
      onClose();
    } catch (error) {
      if (error instanceof ActionRefusedError) setProblems(error.problems);
      else throw error;
    } finally {
      setBusy(false);
    }
  };

  const untilOptions = month ? Array.from({ length: PHASE_OUT_MAX_MONTHS }, (_, i) => addMonthsTo(month, i)) : [];
  return (
    <Modal
      open
      title={t('caseLife.change.title', { kind: t(`caseLife.changeKind.${kind}`) })}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={busy} onClick={() => void confirm()} data-testid="benefit-change-save">
          {t('caseLife.change.save')}
        </Button>,
      ]}
    >
      <Form layout="vertical" data-testid={`benefit-change-form-${form}`}>
        {problems.length > 0 && <Alert type="error" showIcon role="alert" title={problems.join('；')} data-testid="benefit-change-problems" style={{ marginBottom: 16 }} />}
        {form === 'adjust' && (
          <Form.Item>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as BenefitChangeKind)} data-testid="benefit-change-kind">
              <Radio value="increase">{t('caseLife.changeKind.increase')}</Radio>
              <Radio value="decrease">{t('caseLife.changeKind.decrease')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item label={t('caseLife.change.month')} required {...fieldStatus(errors.month)}>
          <Select
            value={month}
            onChange={setMonth}
            options={months.map((m) => ({ value: m, label: m }))}
            data-testid="benefit-change-month"
          />
        </Form.Item>
        {kind !== 'stop' && (
          <Form.Item label={t(needsAmount ? 'caseLife.change.amount' : 'caseLife.change.phaseOutAmount')} required={needsAmount} {...fieldStatus(errors.amount)}>
            <InputNumber min={0} step={10} precision={2} value={amount} onChange={(v) => setAmount(v)} style={{ width: 200 }} data-testid="benefit-change-amount" />
          </Form.Item>
        )}
        {kind === 'phaseOut' && (
          <Form.Item label={t('caseLife.change.until')} required {...fieldStatus(errors.until)}>
            <Select value={until} onChange={setUntil} options={untilOptions.map((m) => ({ value: m, label: m }))} data-testid="benefit-change-until" />
          </Form.Item>
        )}
        <Form.Item label={t('caseLife.change.reason')} htmlFor="benefit-change-reason" required {...fieldStatus(errors.reason)}>
          <Input.TextArea id="benefit-change-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="benefit-change-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
