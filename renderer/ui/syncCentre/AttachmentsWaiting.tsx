import { Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { areaLabel } from '../../../shared/areas';
import { useUploadProgress, type UploadProgress } from '../../data';
import { UploadState } from '../attachments/AttachmentThumb';

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** 等待上传的照片和附件: every file on this laptop the server does not have yet, with its progress. */
export function AttachmentsWaiting() {
  const { t } = useTranslation();
  const rows = [...useUploadProgress().values()];
  return (
    <section aria-labelledby="attachments-waiting-title" data-testid="attachments-waiting">
      <Typography.Title level={4} id="attachments-waiting-title">
        {t('attachments.waiting.title')}
      </Typography.Title>
      <Table<UploadProgress>
        rowKey="sha256"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.waiting.none')} /> }}
        columns={[
          { title: t('attachments.waiting.columns.village'), dataIndex: 'areaCode', render: (code: string) => areaLabel(code) },
          { title: t('attachments.waiting.columns.size'), dataIndex: 'size', render: (size: number) => sizeText(size) },
          { title: t('attachments.waiting.columns.state'), key: 'state', render: (_, row) => <UploadState progress={row} uploaded={false} /> },
        ]}
      />
    </section>
  );
}
