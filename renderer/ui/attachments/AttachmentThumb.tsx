import { DeleteOutlined, FilePdfOutlined, PictureOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Image, Popconfirm, Progress, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../shared/schemas/attachment';
import { useAttachmentUrl, useFileHeld, useUploadProgress, type UploadProgress } from '../../data';

const SIZE = 160;

/** The state words under a file: 等待上传 / 正在上传 45% / 已上传 / 上传失败，将自动重试. */
export function UploadState({ progress, uploaded }: { progress: UploadProgress | undefined; uploaded: boolean }) {
  const { t } = useTranslation();
  if (uploaded && !progress) return <Typography.Text type="success" data-testid="attachment-state">{t('attachments.state.uploaded')}</Typography.Text>;
  const phase = progress?.phase ?? 'waiting';
  const percent = progress?.percent ?? 0;
  return (
    <Flex vertical gap={0}>
      <Typography.Text type={phase === 'failed' ? 'warning' : undefined} data-testid="attachment-state">
        {phase === 'uploading' ? t('attachments.state.uploading', { percent }) : t(`attachments.state.${phase}`)}
      </Typography.Text>
      <Progress percent={percent} size="small" showInfo={false} status={phase === 'failed' ? 'exception' : 'active'} />
    </Flex>
  );
}

/** One file of a record: its picture (or PDF sign), what it is, and how far it has been sent. */
export function AttachmentThumb({ attachment, onRemove }: { attachment: Attachment; onRemove?: () => void }) {
  const { t } = useTranslation();
  const held = useFileHeld(attachment.sha256);
  const progress = useUploadProgress().get(attachment.sha256);
  // Held here: shown at once. Not held: fetched only when the person asks (a slow link).
  const [asked, setAsked] = useState(false);
  const { view, retry } = useAttachmentUrl(attachment, held?.held === true || asked);
  const isPdf = attachment.contentType === 'application/pdf';
  const caption = attachment.caption ?? t(`attachments.kind.${attachment.kind}`);

  let picture;
  if (view.state === 'ready') {
    picture = isPdf ? (
      <a href={view.url} target="_blank" rel="noreferrer" data-testid="attachment-pdf">
        <FilePdfOutlined style={{ fontSize: 64 }} /> {t('attachments.view.pdf')}
      </a>
    ) : (
      <span data-testid="attachment-image">
        <Image src={view.url} alt={caption} width={SIZE} height={SIZE} style={{ objectFit: 'cover' }} />
      </span>
    );
  } else if (view.state === 'loading') {
    picture = <Typography.Text>{t('attachments.view.loading')}</Typography.Text>;
  } else if (view.state === 'notYetUploaded' || view.state === 'failed') {
    picture = (
      <Flex vertical gap={4}>
        <Typography.Text type="warning">{t(`attachments.view.${view.state}`)}</Typography.Text>
        <Button onClick={retry}>{t('attachments.view.retry')}</Button>
      </Flex>
    );
  } else {
    picture = (
      <Button size="large" icon={isPdf ? <FilePdfOutlined /> : <PictureOutlined />} onClick={() => setAsked(true)} data-testid="attachment-open">
        {t('attachments.view.open')}
      </Button>
    );
  }

  return (
    <Card size="small" style={{ width: SIZE + 26 }} data-testid="attachment-thumb">
      <Flex vertical gap={6}>
        <Flex align="center" justify="center" style={{ minHeight: SIZE }}>
          {picture}
        </Flex>
        <Typography.Text strong>{caption}</Typography.Text>
        {held?.held ? (
          <UploadState progress={progress} uploaded={held.uploaded} />
        ) : (
          held && <Typography.Text type="secondary">{t('attachments.state.onServer')}</Typography.Text>
        )}
        {onRemove && (
          <Popconfirm title={t('attachments.removeConfirm')} onConfirm={onRemove}>
            <Button danger icon={<DeleteOutlined />}>
              {t('attachments.remove')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
    </Card>
  );
}
