import { exportAuditSchema, type ExportAuditRecord } from '../../../../shared/exports/exportAudit';
import { SyncHttpError } from '../httpErrors';
import type { KeyValueStore } from '../keyValueStore';

/**
 * Export and print records waiting for the server's audit log. An export made offline is
 * audited all the same: the record waits here (localStorage, per user) and is sent in order
 * once the server answers. The server stores a re-sent record once (by `exportId`).
 */
export class ExportAuditQueue {
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
    private readonly send: (record: ExportAuditRecord) => Promise<void>,
  ) {}

  /** Records waiting to be sent. */
  waiting(): ExportAuditRecord[] {
    try {
      const parsed: unknown = JSON.parse(this.store.getItem(this.key) ?? '[]');
      if (!Array.isArray(parsed)) return [];
      return parsed.flatMap((item) => {
        const record = exportAuditSchema.safeParse(item);
        return record.success ? [record.data] : [];
      });
    } catch {
      return [];
    }
  }

  /** Keeps the record first, then tries to send everything waiting. */
  add(record: ExportAuditRecord): Promise<void> {
    this.save([...this.waiting(), exportAuditSchema.parse(record)]);
    return this.flush();
  }

  /** Sends waiting records one by one; stops at the first that could not reach the server. */
  flush(): Promise<void> {
    this.sending = this.sending.then(() => this.sendAll());
    return this.sending;
  }

  private async sendAll(): Promise<void> {
    for (const record of this.waiting()) {
      try {
        await this.send(record);
      } catch (error) {
        // A record the server refuses as malformed or out of area would be refused forever.
        const refused = error instanceof SyncHttpError && (error.kind === 'invalid' || error.kind === 'forbidden');
        if (!refused) return;
      }
      this.save(this.waiting().filter((waiting) => waiting.exportId !== record.exportId));
    }
  }

  private save(records: ExportAuditRecord[]): void {
    if (records.length === 0) this.store.removeItem(this.key);
    else this.store.setItem(this.key, JSON.stringify(records));
  }
}
