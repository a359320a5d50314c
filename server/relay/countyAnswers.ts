import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import type { UpstreamSession } from './upstreamSession';

/**
 * Answers of the county's server that every laptop asks for and that are the same for the whole
 * county, kept at the relay from each round so a laptop at the station gets the county's: the
 * holiday years its deadlines count with, and 码上查's public address (a receipt printed at the
 * station must point residents at the county's page, never at the station's local address).
 */
const KEPT = [
  { path: '/api/v1/reference/calendar', name: 'county:calendar' },
  { path: '/api/v1/status-check/settings', name: 'county:status_check_settings' },
] as const;

/**
 * Fetches and keeps them (a round's step); what the county does not answer is kept as it was. A
 * county without a public address for 码上查 has its receipts print its own address: at the station
 * that is the county's address as the relay reaches it, never the station's.
 */
export async function keepCountyAnswers(db: Database, session: UpstreamSession, countyUrl: string): Promise<void> {
  for (const { path, name } of KEPT) {
    let answer = await session.getJson(path);
    if (name === 'county:status_check_settings' && (answer as { publicUrl?: unknown }).publicUrl == null) answer = { ...(answer as object), publicUrl: countyUrl };
    await db.query('INSERT INTO relay_state (name, value) VALUES ($1, $2::jsonb) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value', [name, JSON.stringify(answer)]);
  }
}

export function registerCountyAnswers(app: FastifyInstance, deps: { db: Database; authenticate(request: FastifyRequest): Promise<Caller> }): void {
  for (const { path, name } of KEPT) {
    app.get(path, async (request) => {
      await deps.authenticate(request);
      const rows = await deps.db.query<{ value: unknown }>('SELECT value FROM relay_state WHERE name = $1', [name]);
      if (rows.length === 0) throw new HttpError(503, 'upstream_unavailable', '乡镇中转站还没有连上过县级服务器，请稍后再试');
      return rows[0]!.value;
    });
  }
}
