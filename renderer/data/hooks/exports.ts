import { exportAuditAnswerSchema } from '../../../shared/wire/imports';
import { useCallback, useEffect } from 'react';
import { chinaToday } from '../../../shared/domain/chinaTime';
import type { ExportAuditKind, ExportFilter } from '../../../shared/exports/exportAudit';
import { exportFileName, type ExportSheet } from '../../../shared/exports/sheet';
import type { SavedFile } from '../../../shared/ipc/contract';
import { useWorkspace } from './AppDataProvider';
import type { Workspace } from '../core/workspace';
import { ExportAuditQueue } from '../core/exports/auditQueue';
import { offerFile } from '../core/exports/offerFile';
import { buildWorkbook, preloadWorkbookWriter, XLSX_MIME } from '../core/exports/workbook';

const queues = new WeakMap<Workspace, ExportAuditQueue>();

function queueOf(workspace: Workspace): ExportAuditQueue {
  let queue = queues.get(workspace);
  if (!queue) {
    queue = new ExportAuditQueue(localStorage, `jiuzhu:exportAudit:${workspace.session.user.id}`, async (record) => {
      await workspace.client.call('POST', '/api/v1/audit/exports', exportAuditAnswerSchema, record);
    });
    queues.set(workspace, queue);
  }
  return queue;
}

function newExportId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `ex-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** What the audit log is told about one export or printed form (never the data itself). */
export interface AuditScope {
  /** The area the list covered: the user's scope, or the village filtered to. */
  areaPrefix: string;
  filter: ExportFilter;
  documentId?: string;
}

/** Sends audit records that waited offline: when a page with exports opens, and when the network returns. */
function useFlushOnReconnect(queue: ExportAuditQueue): void {
  useEffect(() => {
    const flush = () => void queue.flush().catch(() => undefined);
    flush();
    window.addEventListener('online', flush);
    return () => window.removeEventListener('online', flush);
  }, [queue]);
}

/** Records a print (or any audited event) for the server's audit log. */
export function useRecordPrint(): (kind: ExportAuditKind, rowCount: number, scope: AuditScope) => void {
  const workspace = useWorkspace();
  const queue = queueOf(workspace);
  useFlushOnReconnect(queue);
  return useCallback(
    (kind, rowCount, scope) => {
      void queue
        .add({
          exportId: newExportId(),
          kind,
          at: Date.now(),
          rowCount,
          areaPrefix: scope.areaPrefix,
          filter: scope.filter,
          ...(scope.documentId ? { documentId: scope.documentId } : {}),
        })
        .catch(() => undefined);
    },
    [queue],
  );
}

/** 导出Excel: writes the sheet, offers it as a file, and records the export for the audit log. */
export function useExportSheet(): (sheet: ExportSheet, scope: AuditScope) => Promise<SavedFile> {
  const workspace = useWorkspace();
  const record = useRecordPrint();
  useEffect(preloadWorkbookWriter, []);
  return useCallback(
    async (sheet, scope) => {
      const bytes = await buildWorkbook(sheet, { creator: workspace.session.user.displayName, created: new Date() });
      const saved = await offerFile(bytes, exportFileName(sheet, chinaToday()), XLSX_MIME);
      if (saved.saved) record(sheet.kind, sheet.rows.length, scope);
      return saved;
    },
    [workspace, record],
  );
}
