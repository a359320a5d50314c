import { createHmac, timingSafeEqual } from 'node:crypto';
import { chinaToday } from '../../shared/domain/chinaTime';
import { isFinalStatus } from '../../shared/rules/applicationStatus';
import type { Application } from '../../shared/schemas/application';
import type { Household } from '../../shared/schemas/household';
import { recordAudit } from '../audit/auditLog';
import type { Database, Queryable } from '../db/database';
import { heldDocument } from '../storage/documentStore';
import { trackingCodeHash } from '../sync/trackingCodes';
import type { StatusCheckSettings } from './statusCheckSettings';
import { statusSummary, type StatusSummary } from './statusSummary';

/** What a lookup came to; each is one audit entry (`status_check`, `details.result`). */
export type LookupResult =
  | { result: 'shown'; summary: StatusSummary }
  | { result: 'wrong' }
  | { result: 'locked'; minutes: number }
  | { result: 'unknown' | 'revoked' | 'expired' }
  | { result: 'rate_limited' };

interface CodeRow {
  application_id: string;
  revoked: boolean;
  failures: number;
  locked_until: number | string | null;
  locks: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The longest a lock grows to: past it, ten guesses a month — years for the ~500 IDs one birth date, area and sex leave. */
const LONGEST_LOCK = 30 * DAY;

/** The n-th lock in a row (from 1) lasts `lockMinutes` doubled n−1 times, up to LONGEST_LOCK. */
export function lockLength(settings: StatusCheckSettings, locks: number): number {
  return Math.min(settings.lockMinutes * MINUTE * 2 ** Math.min(locks - 1, 30), LONGEST_LOCK);
}

const minutesLeft = (until: number, now: number): number => Math.max(1, Math.ceil((until - now) / MINUTE));

/** The applicant's last four ID characters, upper case (an X stays an X). */
function expectedCheck(application: Application, household: Household | null): string | null {
  const applicant = household?.members.find((member) => member.id === application.applicantMemberId);
  return applicant ? applicant.idNumber.slice(-4).toUpperCase() : null;
}

function sameCheck(given: string, expected: string): boolean {
  const a = Buffer.from(given.toUpperCase().padEnd(4).slice(0, 4));
  const b = Buffer.from(expected.padEnd(4).slice(0, 4));
  return timingSafeEqual(a, b);
}

/** The day the case closed (its last step), when it has. */
function closedAt(application: Application): number | null {
  if (!isFinalStatus(application.status)) return null;
  return application.history[application.history.length - 1]?.at ?? null;
}

/**
 * One resident's lookup: the rate limits per code and per client address, the code's register
 * (unknown, stopped, expired after the case closed, locked), the check characters — ten wrong in a
 * row lock the code for `lockMinutes`, each further lock in a row twice as long as the one before
 * (a right answer starts again) — and, when right, the summary. Every lookup past the rate limits
 * is an audit entry naming the application where one is known, and the result; never the code,
 * the address or the characters typed. A lookup refused by the rate limits leaves no row at all
 * (else anyone could grow the permanent audit log): the request metrics count it (route `/q/:code`, 429).
 */
export async function lookUpStatus(
  db: Database,
  settings: StatusCheckSettings,
  input: { code: string; check: string; address: string; now: number; secret: string },
): Promise<LookupResult> {
  const codeHash = trackingCodeHash(input.code);
  // The limits need to tell addresses apart, not to know them: only a keyed hash is kept, for the
  // window — a plain hash of an IPv4 address is undone by hashing all four billion.
  const address = createHmac('sha256', input.secret).update(`jiuzhu-lookup:${input.address}`).digest('hex');
  const { now } = input;
  return db.transaction(async (tx) => {
    const outcome = await decide(tx);
    if (outcome.lookup.result === 'rate_limited') return outcome.lookup;
    await recordAudit(tx, [
      {
        userId: null,
        deviceId: null,
        role: null,
        action: 'status_check',
        collection: outcome.application ? 'applications' : null,
        documentId: outcome.application?.id ?? null,
        areaCode: outcome.application?.areaCode ?? null,
        details: { result: outcome.lookup.result },
      },
    ]);
    return outcome.lookup;
  });

  async function decide(tx: Queryable): Promise<{ lookup: LookupResult; application: Application | null }> {
    const since = now - settings.windowMinutes * MINUTE;
    // One lookup at a time per address, then per code (always in this order, so no two wait on
    // each other): a parallel burst must not all count before any inserts.
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), pg_advisory_xact_lock(hashtextextended($2, 0))', [
      `status-lookup-address:${address}`,
      `status-lookup-code:${codeHash}`,
    ]);
    await tx.query('DELETE FROM status_lookups WHERE at < $1', [since]);
    const [counts] = await tx.query<{ by_code: number | string; by_address: number | string }>(
      `SELECT (SELECT count(*) FROM status_lookups WHERE code_hash = $1 AND at >= $3) AS by_code,
              (SELECT count(*) FROM status_lookups WHERE address = $2 AND at >= $3) AS by_address`,
      [codeHash, address, since],
    );
    if (Number(counts?.by_code) >= settings.perCode || Number(counts?.by_address) >= settings.perAddress) {
      return { lookup: { result: 'rate_limited' }, application: null };
    }
    await tx.query('INSERT INTO status_lookups (at, code_hash, address) VALUES ($1, $2, $3)', [now, codeHash, address]);
    // Locked for update: two wrong answers at once both count.
    const [row] = await tx.query<CodeRow>('SELECT application_id, revoked, failures, locked_until, locks FROM tracking_codes WHERE code_hash = $1 FOR UPDATE', [codeHash]);
    if (!row) return { lookup: { result: 'unknown' }, application: null };
    const application = (await heldDocument(tx, 'applications', row.application_id)) as Application | null;
    if (!application || application.trackingCode !== input.code) return { lookup: { result: 'unknown' }, application: null };
    if (row.revoked || application.trackingRevoked === true) return { lookup: { result: 'revoked' }, application };
    const closed = closedAt(application);
    if (closed !== null && now > closed + settings.daysAfterClose * DAY) return { lookup: { result: 'expired' }, application };
    if (row.locked_until !== null && Number(row.locked_until) > now) {
      return { lookup: { result: 'locked', minutes: minutesLeft(Number(row.locked_until), now) }, application };
    }
    const household = (await heldDocument(tx, 'households', application.householdId)) as Household | null;
    const expected = expectedCheck(application, household);
    if (expected === null || !sameCheck(input.check, expected)) {
      const failures = row.failures + 1;
      if (failures < settings.wrongBeforeLock) {
        await tx.query('UPDATE tracking_codes SET failures = $2 WHERE code_hash = $1', [codeHash, failures]);
        return { lookup: { result: 'wrong' }, application };
      }
      // A lock that restarted at the same length let a guesser through ~500 candidates in a day.
      const locks = row.locks + 1;
      const until = now + lockLength(settings, locks);
      await tx.query('UPDATE tracking_codes SET failures = 0, locks = $2, locked_until = $3 WHERE code_hash = $1', [codeHash, locks, until]);
      return { lookup: { result: 'locked', minutes: minutesLeft(until, now) }, application };
    }
    await tx.query('UPDATE tracking_codes SET failures = 0, locks = 0, locked_until = NULL WHERE code_hash = $1', [codeHash]);
    return { lookup: { result: 'shown', summary: statusSummary(application, chinaToday(now)) }, application };
  }
}
