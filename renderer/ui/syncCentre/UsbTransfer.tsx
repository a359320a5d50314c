import { ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useBundles, useSyncStatus, UsbExportError, UsbImportError } from '../../data';
import { UsbSteps, type UsbStepView } from './UsbSteps';

const sum = (counts: Record<string, number | unknown[]>) =>
  Object.values(counts).reduce<number>((total, v) => total + (Array.isArray(v) ? v.length : Number(v)), 0);

type Outcome = { type: 'success' | 'info' | 'error'; text: string; testId: string };

const EXPORT_STEPS = ['reading', 'sealing', 'writing'] as const;
const IMPORT_STEPS = ['reading', 'checking'] as const;

/**
 * U盘传送: a village exports what it could not send; a township imports what villages bring. Each
 * shows its steps while it works (the buttons wait meanwhile), and a failure says in words what
 * went wrong and what to do, beside the step it stopped at.
 */
export function UsbTransfer() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const status = useSyncStatus();
  const { canExport, exportToUsb, importFromUsb } = useBundles();
  const isStation = session?.user.role === 'township' || session?.user.role === 'county';
  const [exportSteps, setExportSteps] = useState<UsbStepView | null>(null);
  const [importSteps, setImportSteps] = useState<UsbStepView | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const busy = (exportSteps?.state ?? importSteps?.state) === 'running';

  const stepLabel = (step: string, counts?: { read: number; total: number }) =>
    step === 'reading' && counts ? t('syncCentre.usb.steps.readingCount', counts) : t(`syncCentre.usb.steps.${step}` as 'syncCentre.usb.steps.reading');

  const download = async () => {
    if (!canExport) return message.warning(t('syncCentre.usb.noKeys'));
    if (status.pending === 0) return message.info(t('syncCentre.usb.nothing'));
    setOutcome(null);
    setImportSteps(null);
    let counts: { read: number; total: number } | undefined;
    const show = (current: (typeof EXPORT_STEPS)[number], state: UsbStepView['state']) =>
      setExportSteps({ labels: EXPORT_STEPS.map((step) => stepLabel(step, counts)), current: EXPORT_STEPS.indexOf(current), state });
    show('reading', 'running');
    let at: (typeof EXPORT_STEPS)[number] = 'reading';
    try {
      const result = await exportToUsb((progress) => {
        at = progress.step;
        if (progress.step === 'reading') counts = { read: progress.read, total: progress.total };
        show(progress.step, 'running');
      });
      if (!result.saved) {
        show('writing', 'stopped');
        setOutcome({ type: 'info', text: t('syncCentre.usb.exportCancelled'), testId: 'usb-export-cancelled' });
        return;
      }
      show('writing', 'done');
      setOutcome({ type: 'success', text: t('syncCentre.usb.exported', { count: sum(result.counts) }), testId: 'usb-export-done' });
    } catch (error) {
      const step = error instanceof UsbExportError && error.step !== 'noKeys' ? error.step : at;
      show(step, 'failed');
      const known = error instanceof UsbExportError ? error.writeProblem : null;
      const text =
        error instanceof UsbExportError && error.step === 'noKeys'
          ? t('syncCentre.usb.noKeys')
          : t(`syncCentre.usb.exportFailed.${known ?? step}`);
      setOutcome({ type: 'error', text, testId: 'usb-export-failed' });
    }
  };

  const upload = async (file: File) => {
    setOutcome(null);
    setExportSteps(null);
    const labels = IMPORT_STEPS.map((step) => t(`syncCentre.usb.steps.${step === 'reading' ? 'importReading' : 'importChecking'}`));
    const show = (current: (typeof IMPORT_STEPS)[number], state: UsbStepView['state']) =>
      setImportSteps({ labels, current: IMPORT_STEPS.indexOf(current), state });
    let at: (typeof IMPORT_STEPS)[number] = 'reading';
    show(at, 'running');
    try {
      const result = await importFromUsb(file, (step) => {
        at = step;
        show(step, 'running');
      });
      show('checking', 'done');
      const stored = sum(result.stored as Record<string, number>);
      const conflicts = sum(result.conflicts as Record<string, unknown[]>);
      setOutcome({
        type: 'success',
        text: conflicts > 0 ? t('syncCentre.usb.importedConflicts', { stored, conflicts }) : t('syncCentre.usb.imported', { stored }),
        testId: 'usb-import-done',
      });
    } catch (error) {
      show(at, 'failed');
      const problem = error instanceof UsbImportError ? error.problem : 'server';
      setOutcome({ type: 'error', text: t(`syncCentre.usb.importFailed.${problem}`), testId: 'usb-import-failed' });
    }
  };

  return (
    <section aria-labelledby="usb-title" data-testid="usb-transfer" aria-busy={busy}>
      <Typography.Title level={4} id="usb-title">
        {t('syncCentre.usb.title')}
      </Typography.Title>
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('syncCentre.usb.exportExplain')}</Typography.Paragraph>
        <div>
          <Button icon={<ExportOutlined />} onClick={() => void download()} loading={exportSteps?.state === 'running'} disabled={busy} data-testid="usb-export">
            {exportSteps?.state === 'running' ? t('syncCentre.usb.exporting') : t('syncCentre.usb.export')}
          </Button>
        </div>
        {exportSteps && <UsbSteps view={exportSteps} testId="usb-export-steps" />}
        {isStation && (
          <>
            <Typography.Paragraph style={{ margin: 0 }}>{t('syncCentre.usb.importExplain')}</Typography.Paragraph>
            <Upload
              accept=".jzb,application/json"
              showUploadList={false}
              disabled={busy}
              beforeUpload={(file) => (void upload(file), false)}
            >
              <Button icon={<ImportOutlined />} loading={importSteps?.state === 'running'} disabled={busy} data-testid="usb-import">
                {importSteps?.state === 'running' ? t('syncCentre.usb.importing') : t('syncCentre.usb.import')}
              </Button>
            </Upload>
            {importSteps && <UsbSteps view={importSteps} testId="usb-import-steps" />}
          </>
        )}
        {outcome && <Alert type={outcome.type} showIcon title={outcome.text} data-testid={outcome.testId} role={outcome.type === 'error' ? 'alert' : 'status'} />}
      </Flex>
    </section>
  );
}
