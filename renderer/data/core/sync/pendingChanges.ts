import { z } from 'zod';
import { BehaviorSubject, type Observable } from 'rxjs';
import type { KeyValueStore } from '../keyValueStore';

type PendingMap = Record<string, number>;

/** What is read back from the store is checked, not cast: a changed entry is no list at all. */
const pendingMapSchema = z.record(z.string(), z.number());

/**
 * Remembers which local writes the server has not yet accepted (待同步), by collection and id,
 * with the `updatedAt` written. A write marks the id before it is stored, so a crash between
 * the two can only over-count; a push answer clears ids whose pushed state is the latest.
 */
export class PendingChanges {
  private readonly pending: PendingMap;
  private readonly count: BehaviorSubject<number>;

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {
    this.pending = this.load();
    this.count = new BehaviorSubject(Object.keys(this.pending).length);
  }

  get count$(): Observable<number> {
    return this.count.asObservable();
  }

  /** Waiting changes of one collection, for the sync centre. */
  countOf(collection: string): number {
    return this.idsOf(collection).length;
  }

  /** Ids of the documents of one collection that the server has not accepted yet. */
  idsOf(collection: string): string[] {
    const prefix = `${collection}/`;
    return Object.keys(this.pending).filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  }

  mark(collection: string, id: string, updatedAt: number): void {
    this.pending[`${collection}/${id}`] = updatedAt;
    this.save();
  }

  unmark(collection: string, id: string): void {
    delete this.pending[`${collection}/${id}`];
    this.save();
  }

  /** The server accepted (or answered with its own state for) these documents. */
  acknowledge(collection: string, docs: { id: string; updatedAt: number }[]): void {
    for (const doc of docs) {
      const key = `${collection}/${doc.id}`;
      const marked = this.pending[key];
      if (marked !== undefined && marked <= doc.updatedAt) delete this.pending[key];
    }
    this.save();
  }

  private load(): PendingMap {
    try {
      const raw = this.store.getItem(this.key);
      const parsed = pendingMapSchema.safeParse(raw ? JSON.parse(raw) : {});
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }

  private save(): void {
    this.store.setItem(this.key, JSON.stringify(this.pending));
    this.count.next(Object.keys(this.pending).length);
  }
}
