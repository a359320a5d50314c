import { InboxOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useArchiveHousehold, WriteRefusedError } from '../../data';
import { fieldStatus } from '../forms/fieldStatus';

/** 归档 with a required reason, asked in a dialog; nothing is written until a reason is given. */
export function ArchiveHouseholdButton({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const archive = useArchiveHousehold();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  const close = () => {
    setOpen(false);
    setReason('');
    setError(undefined);
  };

  const confirm = async () => {
    if (!reason.trim()) {
      setError(t('householdExtra.detail.archiveReasonRequired'));
      return;
    }
    setSaving(true);
    try {
      await archive(householdId, reason.trim());
      void message.success(t('householdExtra.detail.archivedDone'));
      close();
    } catch (error) {
      void message.error(error instanceof WriteRefusedError ? error.message : t('common.saveFailed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button icon={<InboxOutlined />} onClick={() => setOpen(true)} data-testid="household-archive">
        {t('householdExtra.detail.archive')}
      </Button>
      <Modal
        open={open}
        title={t('householdExtra.detail.archiveTitle')}
        onCancel={close}
        onOk={() => void confirm()}
        okText={t('householdExtra.detail.archiveConfirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: saving, ...{ 'data-testid': 'household-archive-confirm' } }}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('householdExtra.detail.archiveIntro')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={() => void confirm()}>
          <Form.Item label={t('householdExtra.detail.archiveReason')} htmlFor="household-archive-reason" required {...fieldStatus(error)}>
            <Input.TextArea
              id="household-archive-reason"
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                if (event.target.value.trim()) setError(undefined);
              }}
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={500}
              placeholder={t('householdExtra.detail.archiveReasonPlaceholder')}
              aria-required
              aria-invalid={error ? true : undefined}
              autoFocus
              data-testid="household-archive-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
