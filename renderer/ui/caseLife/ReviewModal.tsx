import { Alert, Button, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaToday } from '../../../shared/domain/chinaTime';
import type { ReviewVisit } from '../../../shared/rules/benefit';
import type { Application } from '../../../shared/schemas/application';
import { reviewOutcomes, type ReviewOutcome } from '../../../shared/vocabulary/caseLife';
import { ActionRefusedError, useRecordReview } from '../../data';
import { fieldStatus } from '../forms/fieldStatus';
import { DATE_FORMAT } from '../format';

/**
 * 复核 outcome: 继续保障, 调整金额 or 停止保障. The outcome drives the next step: `onRecorded`
 * hears it, so the panel opens the adjustment or the stop form next.
 */
export function ReviewModal({
  application,
  fromVisit,
  onClose,
  onRecorded,
}: {
  application: Application;
  /** A review visit whose outcome this records: its day and outcome start the form, and the review names it. */
  fromVisit?: ReviewVisit | undefined;
  onClose: () => void;
  onRecorded: (outcome: ReviewOutcome) => void;
}) {
  const { t } = useTranslation();
  const recordReview = useRecordReview();
  const [on, setOn] = useState(fromVisit?.visitDate ?? chinaToday());
  const [outcome, setOutcome] = useState<ReviewOutcome | undefined>(fromVisit?.reviewOutcome);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problems, setProblems] = useState<string[]>([]);

  const confirm = async () => {
    if (!outcome) {
      setError(t('caseLife.review.outcomeRequired'));
      return;
    }
    try {
      await recordReview(application.id, { on, outcome, note, ...(fromVisit ? { visitId: fromVisit.id } : {}) });
      onRecorded(outcome);
    } catch (refused) {
      if (refused instanceof ActionRefusedError) setProblems(refused.problems);
      else throw refused;
    }
  };

  return (
    <Modal
      open
      title={t('caseLife.review.title')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" onClick={() => void confirm()} data-testid="benefit-review-save">
          {t('caseLife.change.save')}
        </Button>,
      ]}
    >
      <Form layout="vertical">
        {problems.length > 0 && <Alert type="error" showIcon role="alert" title={problems.join('；')} style={{ marginBottom: 16 }} />}
        <Form.Item label={t('caseLife.review.on')} required>
          <DatePicker value={dayjs(on)} format={DATE_FORMAT} allowClear={false} onChange={(d) => d && setOn(d.format('YYYY-MM-DD'))} />
        </Form.Item>
        <Form.Item label={t('caseLife.review.outcome')} required {...fieldStatus(error)}>
          <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value as ReviewOutcome)} data-testid="benefit-review-outcome">
            {reviewOutcomes.map((code) => (
              <Radio key={code} value={code}>
                {t(`caseLife.reviewOutcome.${code}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('caseLife.review.note')} htmlFor="benefit-review-note">
          <Input.TextArea id="benefit-review-note" value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
