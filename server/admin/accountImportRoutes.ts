import type { FastifyInstance } from 'fastify';
import { planAccounts, readAccountHeader, type PlannedAccount } from '../../shared/exports/accountSheet';
import { accountImportRequestSchema, type AccountImportAnswer } from '../../shared/wire/accountImport';
import type { TokenKeys } from '../auth/tokenKeys';
import { authenticate, requireRole } from '../auth/caller';
import type { Database } from '../db/database';
import { unstorableTextPaths } from '../db/storableText';
import { BODY_LIMITS } from '../http/bodyLimits';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/parseBody';
import { importAccounts } from '../users/accountImport';
import { ADMIN_ROLES, mayAdminister } from './adminScope';

const OUT_OF_REACH = '不在您的管理范围内：只能为本辖区下级创建账号';

/**
 * POST /api/v1/admin/users/import: the accounts of a sheet, created the way `user import` does
 * (shared/wire/accountImport.ts). The page only reads the .xlsx; every check is made here again,
 * and a row outside the caller's reach (`mayAdminister`) is refused like any other bad row.
 */
export function registerAccountImportRoutes(app: FastifyInstance, deps: { db: Database; tokenKeys: TokenKeys }): void {
  const { db, tokenKeys } = deps;
  app.post('/api/v1/admin/users/import', { bodyLimit: BODY_LIMITS.accountImport }, async (request): Promise<AccountImportAnswer> => {
    const caller = await authenticate(request, db, tokenKeys);
    requireRole(caller, ADMIN_ROLES);
    const body = parseBody(accountImportRequestSchema, request.body);
    const unstorable = unstorableTextPaths(body);
    if (unstorable.length > 0) throw new HttpError(400, 'bad_request', '表中有无法保存的字符', { fields: unstorable.map((field) => ({ field, message: 'NUL or unpaired surrogate' })) });
    const header = readAccountHeader(body.headers);
    if (!header.ok) throw new HttpError(422, 'invalid_sheet', header.problem, { fields: [{ field: 'headers', message: header.problem }] });
    const planned = planAccounts(body.rows, header.at).map((row): PlannedAccount =>
      row.ok && !mayAdminister(caller, { id: '', role: row.account.role, areaCode: row.account.areaCode })
        ? { rowNumber: row.rowNumber, draft: row.draft, ok: false, reason: OUT_OF_REACH }
        : row,
    );
    const outcomes = await importAccounts(db, planned, { actor: { userId: caller.userId, deviceId: caller.deviceId, role: caller.role }, via: 'admin page' });
    return { outcomes };
  });
}
