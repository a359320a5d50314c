import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachmentAdder, type AddedFile } from './AttachmentAdder';

/**
 * Files picked while filling in a new visit: the visit does not exist yet, so they are held
 * here and saved with it (VisitFormPage saves them after the visit, with its id).
 */
export function PendingAttachments({ files, onChange }: { files: AddedFile[]; onChange: (files: AddedFile[]) => void }) {
  const { t } = useTranslation();
  const urls = useMemo(
    () => files.map((file) => (file.contentType.startsWith('image/') ? URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.contentType })) : null)),
    [files],
  );
  useEffect(() => () => urls.forEach((url) => url && URL.revokeObjectURL(url)), [urls]);
  return (
    <section data-testid="visit-attachments" style={{ maxWidth: 860, marginBlock: 16 }}>
      <Typography.Title level={4}>{t('attachments.pending.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('attachments.pending.hint')}</Typography.Paragraph>
      <Flex vertical gap={12}>
        <AttachmentAdder onAdd={async (file) => onChange([...files, file])} />
        <Flex wrap gap={12}>
          {files.map((file, index) => (
            <Card key={index} size="small" style={{ width: 186 }} data-testid="pending-attachment">
              <Flex vertical gap={6}>
                {urls[index] ? <img src={urls[index] ?? undefined} alt={file.name} style={{ width: 160, height: 120, objectFit: 'cover' }} /> : <Typography.Text>{file.name}</Typography.Text>}
                <Typography.Text strong>{t(`attachments.kind.${file.kind}`)}</Typography.Text>
                <Button danger icon={<DeleteOutlined />} onClick={() => onChange(files.filter((_, i) => i !== index))}>
                  {t('attachments.remove')}
                </Button>
              </Flex>
            </Card>
          ))}
        </Flex>
      </Flex>
    </section>
  );
}
