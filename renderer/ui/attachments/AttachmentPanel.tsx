import { App as AntApp, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../shared/schemas/attachment';
import { useAttachmentsOf, useRemoveAttachment, useSaveAttachment } from '../../data';
import { AttachmentAdder, type AddedFile } from './AttachmentAdder';
import { AttachmentThumb } from './AttachmentThumb';
import { usePermissions } from '../usePermissions';

/** 照片和附件 of a record that exists: its files, and (when allowed) 拍照 / 选择文件 / 签名 to add more. */
export function AttachmentPanel({ owner, canAdd }: { owner: Attachment['owner']; canAdd: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const attachments = useAttachmentsOf(owner.collection, owner.id);
  const save = useSaveAttachment();
  const remove = useRemoveAttachment();
  const can = usePermissions();
  const add = async (file: AddedFile) => {
    await save({ owner, kind: file.kind, bytes: file.bytes, contentType: file.contentType, name: file.name });
    void message.success(t('attachments.saved'));
  };
  return (
    <section aria-labelledby={`attachments-${owner.id}`} data-testid="attachment-panel">
      <Typography.Title level={3} id={`attachments-${owner.id}`} style={{ marginBlock: 24 }}>
        {t('attachments.title')}
      </Typography.Title>
      <Flex vertical gap={16}>
        {canAdd && <AttachmentAdder onAdd={add} />}
        {/* A file is taken off by whoever attached it, or by the township (the write policy). */}
        <AttachmentList attachments={attachments} onRemove={canAdd ? (id) => void remove(id) : undefined} canRemove={(a) => can.canDelete('attachments', a)} />
      </Flex>
    </section>
  );
}

export function AttachmentList({
  attachments,
  onRemove,
  canRemove = () => true,
}: {
  attachments: Attachment[];
  onRemove?: ((id: string) => void) | undefined;
  canRemove?: (attachment: Attachment) => boolean;
}) {
  const { t } = useTranslation();
  if (attachments.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.empty')} />;
  return (
    <Flex wrap gap={12}>
      {attachments.map((attachment) => (
        <AttachmentThumb
          key={attachment.id}
          attachment={attachment}
          {...(onRemove && canRemove(attachment) ? { onRemove: () => onRemove(attachment.id) } : {})}
        />
      ))}
    </Flex>
  );
}

/** The files of a record in a list row (a visit): small, read-only. */
export function AttachmentStrip({ owner }: { owner: Attachment['owner'] }) {
  const attachments = useAttachmentsOf(owner.collection, owner.id);
  if (attachments.length === 0) return null;
  return (
    <Flex wrap gap={8} data-testid="attachment-strip">
      {attachments.map((attachment) => (
        <AttachmentThumb key={attachment.id} attachment={attachment} />
      ))}
    </Flex>
  );
}
