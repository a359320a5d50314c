import { ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { adminErrorKey, useAuth, useBundles, useSyncStatus } from '../../data';

const sum = (counts: Record<string, number | unknown[]>) =>
  Object.values(counts).reduce<number>((total, v) => total + (Array.isArray(v) ? v.length : Number(v)), 0);

/** U盘传送: a village exports what it could not send; a township imports what villages bring. */
export function UsbTransfer() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const status = useSyncStatus();
  const { canExport, exportUnsent, importBundle } = useBundles();
  const isStation = session?.user.role === 'township' || session?.user.role === 'county';

  const download = async () => {
    if (!canExport) return message.warning(t('syncCentre.usb.noKeys'));
    if (status.pending === 0) return message.info(t('syncCentre.usb.nothing'));
    const { file, counts } = await exportUnsent();
    const blob = new Blob([JSON.stringify(file)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `jiuzhu-${session?.user.username ?? 'export'}-${chinaToday()}.jzb`;
    link.click();
    URL.revokeObjectURL(link.href);
    message.success(t('syncCentre.usb.exported', { count: sum(counts) }));
  };

  const upload = async (file: File) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      message.error(t('syncCentre.usb.notJson'));
      return;
    }
    try {
      const result = await importBundle(parsed);
      const stored = sum(result.stored as Record<string, number>);
      const conflicts = sum(result.conflicts as Record<string, unknown[]>);
      message.success(conflicts > 0 ? t('syncCentre.usb.importedConflicts', { stored, conflicts }) : t('syncCentre.usb.imported', { stored }));
    } catch (error) {
      const key = adminErrorKey(error);
      message.error(key === 'admin.error.invalid' ? t('syncCentre.usb.refused') : t(key as 'admin.error.server'));
    }
  };

  return (
    <section aria-labelledby="usb-title" data-testid="usb-transfer">
      <Typography.Title level={4} id="usb-title">
        {t('syncCentre.usb.title')}
      </Typography.Title>
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('syncCentre.usb.exportExplain')}</Typography.Paragraph>
        <div>
          <Button icon={<ExportOutlined />} onClick={() => void download()} data-testid="usb-export">
            {t('syncCentre.usb.export')}
          </Button>
        </div>
        {isStation && (
          <>
            <Typography.Paragraph style={{ margin: 0 }}>{t('syncCentre.usb.importExplain')}</Typography.Paragraph>
            <Upload accept=".jzb,application/json" showUploadList={false} beforeUpload={(file) => (void upload(file), false)}>
              <Button icon={<ImportOutlined />} data-testid="usb-import">
                {t('syncCentre.usb.import')}
              </Button>
            </Upload>
          </>
        )}
      </Flex>
    </section>
  );
}
