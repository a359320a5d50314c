import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ExportFilter, PrintKind } from '../../../shared/exports/exportAudit';
import { platform, useRecordPrint } from '../../data';
import { printStyles } from './printStyles';

export interface PrintPageProps {
  kind: PrintKind;
  /** The visit or application printed: the audit log names it, never its content. A list names none. */
  documentId?: string;
  /** The record's village, the area of the audit record. */
  areaCode: string;
  /** Records on the sheet (a list's rows); one for a form about one record. */
  rowCount?: number;
  /** How a list was chosen, for the audit record (codes only). */
  filter?: ExportFilter;
  /** The PDF's file name without extension, e.g. 入户调查表-2026-11-20. */
  fileTitle: string;
  children: ReactNode;
}

/**
 * A printed form on its own page: a toolbar (hidden on paper) and the A4 sheet. In a browser
 * 打印 opens the print dialog; in the desktop app 保存为PDF renders the page to an A4 PDF and
 * asks where to keep it. Either way the print is recorded in the audit log.
 */
export function PrintPage({ kind, documentId, areaCode, rowCount = 1, filter = {}, fileTitle, children }: PrintPageProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const recordPrint = useRecordPrint();
  const [working, setWorking] = useState(false);
  // The desktop app saves an A4 PDF; a browser opens its print dialog (the platform chosen at start).
  const host = platform();
  const desktop = host.kind === 'desktop';

  const print = async () => {
    recordPrint(kind, rowCount, { areaPrefix: areaCode, filter, ...(documentId ? { documentId } : {}) });
    setWorking(desktop);
    try {
      const saved = await host.print(`${fileTitle}.pdf`);
      if (desktop && saved.saved) void message.success(t('exports.print.saved', { file: saved.fileName ?? '' }));
    } catch {
      void message.error(t('exports.print.failed'));
    } finally {
      setWorking(false);
    }
  };

  return (
    <div className="print-root">
      <style>{printStyles}</style>
      <div className="print-toolbar" role="toolbar" aria-label={t(`exports.print.${kind}`)}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} data-testid="print-back">
          {t('exports.print.back')}
        </Button>
        <Button
          type="primary"
          icon={desktop ? <FilePdfOutlined /> : <PrinterOutlined />}
          loading={working}
          onClick={() => void print()}
          data-testid="print-now"
        >
          {desktop ? t('exports.print.savePdf') : t('exports.print.printNow')}
        </Button>
        <p>{desktop ? t('exports.print.hintDesktop') : t('exports.print.hint')}</p>
      </div>
      <article className="print-sheet" data-testid={`print-${kind}`}>
        {children}
      </article>
    </div>
  );
}
