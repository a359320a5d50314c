import type { Database } from '../db/database';
import type { SessionHolder } from '../sync/liveSessions';

/**
 * The relay's open laptop streams and whether each may go on: as the central server's
 * LiveSessions, but from the relay's copy of the township's accounts (relay_accounts,
 * relay_devices), which each upstream round replaces. `recheck` after every such round ends the
 * streams of devices revoked or users deactivated centrally, and of sessions ended since the
 * stream opened (the device's epoch moved on: signed out here or at the county, a replayed
 * refresh token), as the central server's LiveSessions do.
 */
export class RelayStreamSessions {
  private readonly open = new Set<SessionHolder & { end: () => void }>();

  constructor(private readonly db: Database) {}

  register(holder: SessionHolder, end: () => void): () => void {
    const session = { ...holder, end };
    this.open.add(session);
    return () => this.open.delete(session);
  }

  async stillActive(holder: SessionHolder): Promise<boolean> {
    const rows = await this.db.query<{ ok: boolean }>(
      `SELECT true AS ok FROM relay_accounts a JOIN relay_devices d ON d.user_id = a.user_id
        WHERE a.user_id = $1 AND d.device_id = $2 AND a.active AND NOT d.revoked
          AND ($3::int IS NULL OR d.session_epoch = $3::int)`,
      [holder.userId, holder.deviceId, holder.sessionEpoch ?? null],
    );
    return rows.length > 0;
  }

  async recheck(): Promise<void> {
    for (const session of [...this.open]) {
      if (!(await this.stillActive(session))) session.end();
    }
  }
}
