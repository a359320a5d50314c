import { EventEmitter } from 'node:events';
import { referenceCollections, syncedCollections } from '../../shared/wire/collectionNames';
import type { Database, Queryable } from '../db/database';

const CHANNEL = 'jiuzhu_changes';

/**
 * Tells every server process on the database that a collection changed, from anywhere (a command
 * line tool too): their open streams send the new versions. Call after the commit.
 */
export async function notifyChange(db: Queryable, collection: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [CHANNEL, collection]);
}

/**
 * Tells live streams that a collection changed. Goes through PostgreSQL NOTIFY so that a push
 * served by one server process reaches streams held open by every other process.
 */
export class ChangeNotifier {
  private readonly emitter = new EventEmitter();
  private stopListening: (() => Promise<void>) | null = null;

  constructor(private readonly db: Database) {
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(
      CHANNEL,
      (collection) => this.emitter.emit('change', collection),
      // Changes committed while the connection was lost were announced to no one here: every open
      // stream looks past its checkpoint once (an empty look costs one query).
      () => {
        for (const collection of [...syncedCollections, ...referenceCollections]) this.emitter.emit('change', collection);
        this.emitter.emit('reconnected');
      },
    );
  }

  /** Call after the transaction committed: NOTIFY inside it would be fine too, but this keeps pushes short. */
  async notify(collection: string): Promise<void> {
    await notifyChange(this.db, collection);
  }

  subscribe(listener: (collection: string) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /**
   * Whoever keeps something read from the database in memory (the reference data) reads it again
   * here: a notice sent while the listening connection was lost never arrives.
   */
  onReconnected(listener: () => void): () => void {
    this.emitter.on('reconnected', listener);
    return () => this.emitter.off('reconnected', listener);
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.emitter.removeAllListeners();
  }
}
