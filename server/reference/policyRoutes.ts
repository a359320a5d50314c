import type { FastifyInstance } from 'fastify';
import { findArea, padAreaCode } from '../../shared/areas';
import { addCalendarDays, isIsoDate } from '../../shared/rules/dates';
import { newPolicyPeriodSchema } from '../../shared/schemas/policyPeriod';
import { policyFigureNames, type Policy } from '../../shared/schemas/reference';
import type { PolicyPeriodAnswer } from '../../shared/wire/policies';
import { actor, recordAudit, type AuditEntry } from '../audit/auditLog';
import type { TokenKeys } from '../auth/tokenKeys';
import { authenticate, requireRole, type Caller } from '../auth/caller';
import type { Database, Queryable } from '../db/database';
import { BODY_LIMITS } from '../http/bodyLimits';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/parseBody';
import { storeDocuments } from '../storage/documentStore';

/** Only the county's 民政 (its own county) and the city (any county, or city-wide) set figures. */
const SETTING_ROLES = ['county', 'city'] as const;

/** Serialises setting periods: two at once for one county must not both close the same open period. */
const SET_POLICY_LOCK = 7164013;

/** Whether the caller may set figures for `areaCode` (12 digits): a county within their scope, or the city itself for the city. */
function maySetFor(caller: Caller, areaCode: string): boolean {
  const county = findArea(areaCode.slice(0, 6));
  const isCounty = areaCode.endsWith('000000') && county?.level === 'county';
  const isCity = areaCode.endsWith('00000000') && findArea(areaCode.slice(0, 4))?.level === 'city';
  if (caller.role === 'county') return isCounty && areaCode.slice(0, 6) === caller.scope;
  if (caller.role === 'city') return (isCounty || isCity) && areaCode.startsWith(caller.scope);
  return false;
}

async function periodsOf(tx: Queryable, areaCode: string): Promise<Policy[]> {
  const rows = await tx.query<{ data: Policy }>(
    "SELECT data FROM documents WHERE collection = 'policies' AND area_code = $1 AND NOT deleted",
    [areaCode],
  );
  return rows.map((row) => row.data);
}

/**
 * `POST /api/v1/policies`: a new period of figures for a county or the city. The latest period
 * ends the day before the new one starts; nothing is overwritten, so every judgement made on an
 * earlier date can still be read with its figures. Who set it comes from the token, never the body.
 */
export function registerPolicyRoutes(app: FastifyInstance, deps: { db: Database; tokenKeys: TokenKeys }): void {
  const { db, tokenKeys } = deps;

  app.post('/api/v1/policies', { bodyLimit: BODY_LIMITS.policies }, async (request, reply) => {
    const caller = await authenticate(request, db, tokenKeys);
    requireRole(caller, SETTING_ROLES);
    const body = parseBody(newPolicyPeriodSchema, request.body);
    if (!isIsoDate(body.validFrom)) {
      throw new HttpError(400, 'bad_request', '请求格式错误：validFrom', { fields: [{ field: 'validFrom', message: '不是有效日期' }] });
    }
    const areaCode = padAreaCode(body.areaCode);
    if (!maySetFor(caller, areaCode)) throw new HttpError(403, 'out_of_scope', '只能设置本县（市级可设置各县及全市）的政策参数');

    const answer = await db.transaction(async (tx): Promise<PolicyPeriodAnswer> => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SET_POLICY_LOCK]);
      const periods = await periodsOf(tx, areaCode);
      const latest = periods.reduce<Policy | null>((found, p) => (found === null || p.validFrom > found.validFrom ? p : found), null);
      if (latest && body.validFrom <= latest.validFrom) {
        throw new HttpError(409, 'period_not_after_current', `施行日期须晚于当前执行期的开始日期（${latest.validFrom}）`, {
          fields: [{ field: 'validFrom', message: `须晚于${latest.validFrom}` }],
        });
      }
      const now = Date.now();
      const dayBefore = addCalendarDays(body.validFrom, -1);
      const closed: Policy | null =
        latest && (latest.validTo === undefined || latest.validTo > dayBefore) ? { ...latest, validTo: dayBefore, updatedAt: now } : null;
      const figures = Object.fromEntries(policyFigureNames.map((name) => [name, body.figures[name] ?? null]));
      const code = areaCode.endsWith('00000000') ? areaCode.slice(0, 4) : areaCode.slice(0, 6);
      const period = {
        id: `policy-${code}-${body.validFrom}`,
        areaCode,
        ...figures,
        source: body.source,
        figureSources: body.figureSources ?? {},
        validFrom: body.validFrom,
        placeholder: false,
        example: false,
        setByUserId: caller.userId,
        ...(caller.displayName ? { setByName: caller.displayName } : {}),
        updatedAt: now,
      } as Policy;
      await storeDocuments(tx, 'policies', [...(closed ? [closed] : []), period].map((doc) => ({ doc, deleted: false })));
      // Ids, dates and which figures were set: the figures' values are public policy, but the log stays a log.
      const entries: AuditEntry[] = [
        {
          ...actor(caller),
          action: 'create',
          collection: 'policies',
          documentId: period.id,
          details: { validFrom: period.validFrom, figuresSet: policyFigureNames.filter((name) => period[name] !== null), closed: closed?.id ?? null },
        },
      ];
      if (closed) entries.push({ ...actor(caller), action: 'change', collection: 'policies', documentId: closed.id, details: { fields: ['validTo'], validTo: dayBefore } });
      await recordAudit(tx, entries);
      return {
        id: period.id,
        areaCode,
        validFrom: period.validFrom,
        ...(period.setByName ? { setByName: period.setByName } : {}),
        closed: closed ? { id: closed.id, validTo: dayBefore } : null,
      };
    });
    return reply.code(201).send(answer);
  });
}
