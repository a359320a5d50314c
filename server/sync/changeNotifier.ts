import { EventEmitter } from 'node:events';
import type { Database } from '../db/database';

const CHANNEL = 'jiuzhu_changes';

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
    this.stopListening = await this.db.listen(CHANNEL, (collection) => this.emitter.emit('change', collection));
  }

  /** Call after the transaction committed: NOTIFY inside it would be fine too, but this keeps pushes short. */
  async notify(collection: string): Promise<void> {
    await this.db.query('SELECT pg_notify($1, $2)', [CHANNEL, collection]);
  }

  subscribe(listener: (collection: string) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.emitter.removeAllListeners();
  }
}
