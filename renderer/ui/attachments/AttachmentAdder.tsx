import { CameraOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Flex, Select, Typography } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentKind } from '../../../shared/schemas/attachment';
import { FileRefusedError } from '../../data';
import { CameraCapture } from './CameraCapture';
import { prepareFile, type PreparedFile } from './imageFile';
import { SignaturePad } from './SignaturePad';

export type AddedFile = PreparedFile & { kind: AttachmentKind };

const pickableKinds: AttachmentKind[] = ['photo', 'certificate', 'bill'];

/** 拍照 / 选择文件 / 签名: hands each prepared file (scaled, checked) to `onAdd`. */
export function AttachmentAdder({ onAdd }: { onAdd: (file: AddedFile) => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const input = useRef<HTMLInputElement | null>(null);
  const [kind, setKind] = useState<AttachmentKind>('photo');
  const [dialog, setDialog] = useState<'camera' | 'signature' | null>(null);
  const [busy, setBusy] = useState(false);

  // The message names the file, so a person who picked several knows which one was refused.
  const failureText = (error: unknown) => {
    if (!(error instanceof FileRefusedError)) return t('attachments.saveFailed');
    const { problem } = error;
    return t(problem.key, { name: problem.name, limitMb: 'limitMb' in problem ? problem.limitMb : 0 });
  };

  const add = async (file: AddedFile) => {
    try {
      await onAdd(file);
    } catch (error) {
      void message.error(failureText(error));
    }
  };

  const picked = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    setBusy(true);
    try {
      for (const file of files) {
        try {
          await add({ ...(await prepareFile(file)), kind: file.type === 'application/pdf' && kind === 'photo' ? 'certificate' : kind });
        } catch (error) {
          void message.error(failureText(error));
        }
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={8}>
      <Flex wrap gap={8} align="center">
        <Typography.Text>{t('attachments.kindLabel')}</Typography.Text>
        <Select<AttachmentKind>
          size="large"
          value={kind}
          onChange={setKind}
          style={{ minWidth: 140 }}
          aria-label={t('attachments.kindLabel')}
          data-testid="attachment-kind"
          options={pickableKinds.map((value) => ({ value, label: t(`attachments.kind.${value}`) }))}
        />
        <Button size="large" icon={<CameraOutlined />} onClick={() => setDialog('camera')} data-testid="attachment-camera">
          {t('attachments.takePhoto')}
        </Button>
        <Button size="large" icon={<PaperClipOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid="attachment-pick">
          {t('attachments.pickFile')}
        </Button>
        <Button size="large" icon={<EditOutlined />} onClick={() => setDialog('signature')} data-testid="attachment-sign">
          {t('attachments.sign')}
        </Button>
        <input
          ref={input}
          type="file"
          accept="image/*,application/pdf"
          multiple
          hidden
          onChange={(event) => void picked(event)}
          data-testid="attachment-file-input"
        />
      </Flex>
      <Typography.Text type="secondary">{t('attachments.pickHint')}</Typography.Text>
      <CameraCapture
        open={dialog === 'camera'}
        onCancel={() => setDialog(null)}
        onDone={(file) => {
          setDialog(null);
          void add({ ...file, kind: 'photo' });
        }}
      />
      <SignaturePad
        open={dialog === 'signature'}
        onCancel={() => setDialog(null)}
        onDone={(file) => {
          setDialog(null);
          void add({ ...file, kind: 'signature' });
        }}
      />
    </Flex>
  );
}
