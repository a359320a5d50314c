import { Alert, App as AntApp, DatePicker, Form, InputNumber, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { emergencyFileDueBy } from '../../../shared/rules/programmes/emergencyGrant';
import { emergencyFiguresOf } from '../../../shared/rules/programmes/programmeFigures';
import type { Application } from '../../../shared/schemas/application';
import { ActionRefusedError, useGrantEmergency } from '../../data';
import { fieldStatus } from '../forms/fieldStatus';
import { DATE_FORMAT, formatDate } from '../format';
import { useProgrammeFigures, useProgrammeFiguresAreExample } from './useProgrammeFigures';

type Field = 'amount' | 'grantedOn';

/**
 * 急难先行救助: the township grants at once, within the amount the county delegates; the file's
 * due date follows from the county's days. Before the county has set them the township may not
 * grant on its own (the server refuses it too), and the form says so instead of asking.
 */
export function EmergencyGrantModal({ application, onClose }: { application: Application; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const grant = useGrantEmergency();
  const today = chinaToday();
  const lookup = useProgrammeFigures(application);
  const example = useProgrammeFiguresAreExample(application);
  const county = emergencyFiguresOf(lookup);
  const figures = county.ok ? county.figures : null;
  const [amount, setAmount] = useState<number | null>(null);
  const [grantedOn, setGrantedOn] = useState<string | undefined>(today);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const due = figures && grantedOn ? emergencyFileDueBy(grantedOn, figures.fileDays) : undefined;

  const confirm = async () => {
    const found: Partial<Record<Field, string>> = {};
    if (!(amount !== null && amount > 0)) found.amount = t('programme.emergency.amountRequired');
    else if (figures && amount > figures.delegatedLimit) found.amount = t('programme.emergency.amountOverLimit', { limit: figures.delegatedLimit });
    if (!grantedOn) found.grantedOn = t('programme.emergency.grantedOnRequired');
    setErrors(found);
    setProblems([]);
    if (Object.keys(found).length > 0 || amount === null || !grantedOn) return;
    setBusy(true);
    try {
      await grant(application.id, { amount, grantedOn }, figures);
      void message.success(t('application.savedLocally'));
      onClose();
    } catch (error) {
      setProblems(error instanceof ActionRefusedError ? error.problems : [t('common.saveFailed')]);
    } finally {
      setBusy(false);
    }
  };

  const date = (id: string, value: string | undefined, onChange: (value: string | undefined) => void, disabled: (d: string) => boolean) => (
    <DatePicker
      id={id}
      format={DATE_FORMAT}
      value={value ? dayjs(value) : null}
      onChange={(picked) => onChange(picked ? picked.format(DATE_FORMAT) : undefined)}
      disabledDate={(picked) => disabled(picked.format(DATE_FORMAT))}
      style={{ width: 240 }}
      data-testid={id}
    />
  );

  return (
    <Modal
      open
      title={t('programme.emergency.title')}
      onCancel={onClose}
      onOk={() => void confirm()}
      okText={t('application.actionModal.confirm')}
      okButtonProps={{ loading: busy, disabled: figures === null, 'data-testid': 'emergency-confirm' }}
      mask={{ closable: false }}
      width={600}
    >
      <Form layout="vertical" data-testid="emergency-form">
        <Typography.Paragraph type="secondary">{t('programme.emergency.hint')}</Typography.Paragraph>
        <Alert
          type={figures ? 'info' : 'error'}
          title={
            figures
              ? t('programme.emergency.figures', { limit: figures.delegatedLimit, days: figures.fileDays, due: due ? formatDate(due) : '' }) +
                (example ? t('programme.emergency.exampleFigures') : '')
              : t('programme.emergency.noFigures')
          }
          style={{ marginBottom: 16 }}
          data-testid="emergency-figures"
        />
        {problems.length > 0 && <Alert type="error" role="alert" title={problems.join('；')} style={{ marginBottom: 16 }} data-testid="emergency-problems" />}
        <Form.Item label={t('programme.emergency.amount')} htmlFor="emergency-amount" required {...fieldStatus(errors.amount)}>
          <InputNumber<number>
            id="emergency-amount"
            value={amount}
            onChange={(value) => setAmount(typeof value === 'number' ? value : null)}
            min={0}
            precision={2}
            controls={false}
            style={{ width: 240 }}
            data-testid="emergency-amount"
          />
        </Form.Item>
        <Form.Item label={t('programme.emergency.grantedOn')} htmlFor="emergency-granted-on" required {...fieldStatus(errors.grantedOn)}>
          {date('emergency-granted-on', grantedOn, setGrantedOn, (d) => d > today)}
        </Form.Item>
      </Form>
    </Modal>
  );
}
