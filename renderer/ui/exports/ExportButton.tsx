import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportSheet } from '../../../shared/exports/sheet';
import { useExportSheet, type AuditScope } from '../../data';

export interface ExportButtonProps {
  /**
   * Builds the sheet of everything the list holds under its current filter; called on click only.
   * A paged list reads its other pages here, hence the Promise.
   */
  build: () => ExportSheet | Promise<ExportSheet>;
  /** Records under the current filter (on every page): nothing to export when 0. */
  count: number;
  scope: AuditScope;
  testId?: string;
}

/** 导出Excel: exports everything the list holds under its current filter, on every page. */
export function ExportButton({ build, count, scope, testId = 'export-excel' }: ExportButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exportSheet = useExportSheet();
  const [working, setWorking] = useState(false);

  const run = async () => {
    setWorking(true);
    try {
      const sheet = await build();
      const saved = await exportSheet(sheet, scope);
      if (saved.saved) {
        void message.success(
          saved.fileName
            ? t('exports.doneFile', { count: sheet.rows.length, file: saved.fileName })
            : t('exports.done', { count: sheet.rows.length }),
        );
      }
    } catch {
      void message.error(t('exports.failed'));
    } finally {
      setWorking(false);
    }
  };

  return (
    <Tooltip title={count === 0 ? t('exports.nothing') : t('exports.buttonHint')}>
      <Button icon={<FileExcelOutlined />} onClick={() => void run()} loading={working} disabled={count === 0} data-testid={testId}>
        {working ? t('exports.working') : t('exports.button')}
      </Button>
    </Tooltip>
  );
}
