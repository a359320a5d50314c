import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type DatabaseSettings } from '../db/openDatabase';
import { archiveAuditMonths, firstMonthKept, monthsPastRetention } from './auditArchive';

const ARCHIVE_USAGE =
  'usage: audit archive --out DIR [--dry-run]\n' +
  '  exports every month of the audit log older than JIUZHU_AUDIT_RETENTION_MONTHS into DIR (audit-YYYY-MM.jsonl.gz + audit-YYYY-MM.json),\n' +
  '  checks each file, and only then drops that month from the database; --dry-run only lists the months';

/**
 * `npm run server -- audit archive --out DIR`: the only way entries leave the audit log, a
 * whole month at a time. Through `openDatabase`, so a PGlite folder a running server holds is
 * refused; on PostgreSQL the servers may keep running (writes go to the current month).
 */
export async function auditArchiveCommand(args: string[], settings: DatabaseSettings & { retentionMonths: number }): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  if (!values.out) throw new Error(ARCHIVE_USAGE);
  const dir = path.resolve(values.out);
  const db = await openDatabase(settings);
  try {
    const now = new Date();
    const kept = `keeping ${firstMonthKept(now, settings.retentionMonths)} and later (JIUZHU_AUDIT_RETENTION_MONTHS=${settings.retentionMonths})`;
    if (values['dry-run']) {
      const months = await monthsPastRetention(db, now, settings.retentionMonths);
      console.log(months.length === 0 ? `no month to archive, ${kept}` : `would archive ${months.map((m) => m.month).join(', ')} into ${dir}, ${kept}`);
      return;
    }
    const archived = await archiveAuditMonths(db, { dir, retentionMonths: settings.retentionMonths });
    if (archived.length === 0) console.log(`no month to archive, ${kept}`);
    for (const month of archived) console.log(`archived ${month.month}: ${month.rows} entries in ${path.join(dir, month.file)} (sha256 ${month.sha256}); the month is dropped from the database`);
    if (archived.length > 0) console.log(`${kept}. Keep the archive files like the database: they are its history.`);
  } finally {
    await db.close();
  }
}
