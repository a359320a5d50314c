import { Alert, App as AntApp, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaToday } from '../../../shared/domain/chinaTime';
import type { Application } from '../../../shared/schemas/application';
import { verificationResults, type VerificationResult } from '../../../shared/vocabulary/caseLife';
import { ActionRefusedError, useRecordVerification } from '../../data';
import { fieldStatus } from '../forms/fieldStatus';
import { DATE_FORMAT } from '../format';

/** 信息核对: the county records what the economic check found, while it holds the file. */
export function VerificationModal({ application, onClose }: { application: Application; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const record = useRecordVerification();
  const today = chinaToday();
  const [result, setResult] = useState<VerificationResult | undefined>(application.verification?.result);
  const [checkedOn, setCheckedOn] = useState<string | undefined>(application.verification?.checkedOn ?? today);
  const [note, setNote] = useState(application.verification?.note ?? '');
  const [errors, setErrors] = useState<{ result?: string; checkedOn?: string }>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    const found = {
      ...(result ? {} : { result: t('programme.verification.resultRequired') }),
      ...(checkedOn ? {} : { checkedOn: t('programme.verification.checkedOnRequired') }),
    };
    setErrors(found);
    if (!result || !checkedOn) return;
    setBusy(true);
    try {
      await record(application.id, { result, checkedOn, note });
      void message.success(t('application.savedLocally'));
      onClose();
    } catch (error) {
      setProblems(error instanceof ActionRefusedError ? error.problems : [t('common.saveFailed')]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('programme.verification.title')}
      onCancel={onClose}
      onOk={() => void confirm()}
      okText={t('application.actionModal.confirm')}
      okButtonProps={{ loading: busy, 'data-testid': 'verification-confirm' }}
      mask={{ closable: false }}
      width={560}
    >
      <Form layout="vertical" data-testid="verification-form">
        <Alert type="info" title={t('programme.verification.hint')} style={{ marginBottom: 16 }} />
        {problems.length > 0 && <Alert type="error" role="alert" title={problems.join('；')} style={{ marginBottom: 16 }} data-testid="verification-problems" />}
        <Form.Item label={t('programme.verification.resultLabel')} required {...fieldStatus(errors.result)}>
          <Radio.Group
            optionType="button"
            value={result}
            onChange={(e) => setResult(e.target.value as VerificationResult)}
            options={verificationResults.map((value) => ({ value, label: t(`programme.verification.result.${value}`) }))}
            data-testid="verification-result"
          />
        </Form.Item>
        <Form.Item label={t('programme.verification.checkedOn')} htmlFor="verification-checked-on" required {...fieldStatus(errors.checkedOn)}>
          <DatePicker
            id="verification-checked-on"
            format={DATE_FORMAT}
            value={checkedOn ? dayjs(checkedOn) : null}
            onChange={(date) => setCheckedOn(date ? date.format(DATE_FORMAT) : undefined)}
            disabledDate={(date) => date.format(DATE_FORMAT) > today}
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item label={t('programme.verification.note')} htmlFor="verification-note">
          <Input.TextArea id="verification-note" value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="verification-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
