import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AdminUser, AdminUserAnswer, AdminUsersAnswer } from '../../shared/wire/adminUsers';
import { actor, recordAudit } from '../audit/auditLog';
import type { TokenKeys } from '../auth/tokenKeys';
import { authenticate, requireRole, type Caller } from '../auth/caller';
import { narrowScope } from '../auth/scopeFilter';
import type { Database } from '../db/database';
import { storableString } from '../db/storableText';
import { BODY_LIMITS } from '../http/bodyLimits';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/parseBody';
import type { LiveSessions } from '../sync/liveSessions';
import { ADMIN_ROLES, mayAdminister } from './adminScope';
import { deactivateUser, findAdminUser, listUsers, resetPassword, revokeDevice } from './userAdmin';
import { addUser, findUserByUsername, newUserProblem } from '../users/userStore';

const listQuery = z.strictObject({ areaPrefix: z.string().max(12).optional() });
const newUserBody = z.strictObject({
  username: storableString().min(1).max(40),
  password: storableString().min(1).max(200),
  role: z.string().max(20),
  areaCode: z.string().max(12),
  displayName: storableString().trim().min(1).max(80),
});
const passwordBody = z.strictObject({ password: storableString().min(1).max(200) });
const idParam = storableString().min(1).max(80);

function param(params: unknown, name: string): string {
  const parsed = idParam.safeParse((params as Record<string, unknown>)[name]);
  if (!parsed.success) throw new HttpError(400, 'bad_request', `${name} 参数无效`, { field: name });
  return parsed.data;
}

/**
 * Account administration: list the users one manages, deactivate a user, revoke a device.
 * Each action is refused (403) outside the caller's reach (`mayAdminister`) and audited.
 */
export function registerAdminRoutes(app: FastifyInstance, deps: { db: Database; tokenKeys: TokenKeys; sessions: LiveSessions }): void {
  const { db, tokenKeys, sessions } = deps;

  const adminCaller = async (request: Parameters<typeof authenticate>[0]): Promise<Caller> => {
    const caller = await authenticate(request, db, tokenKeys);
    requireRole(caller, ADMIN_ROLES);
    return caller;
  };

  const managedUser = async (caller: Caller, userId: string): Promise<AdminUser> => {
    const user = await findAdminUser(db, userId);
    if (!user) throw new HttpError(404, 'not_found', '找不到该用户');
    if (!mayAdminister(caller, user)) throw new HttpError(403, 'out_of_scope', '该用户不在您的管理范围内', { ids: [userId] });
    return user;
  };

  /** The user as it is now, for the answer of an action on them (they exist: they were just found or made). */
  const answerWith = async (userId: string): Promise<AdminUserAnswer> => {
    const user = await findAdminUser(db, userId);
    if (!user) throw new HttpError(404, 'not_found', '找不到该用户');
    return { user };
  };

  app.get('/api/v1/admin/users', async (request): Promise<AdminUsersAnswer> => {
    const caller = await adminCaller(request);
    const query = listQuery.safeParse(request.query);
    if (!query.success) throw new HttpError(400, 'bad_request', '查询参数无效', { field: 'areaPrefix' });
    const prefix = narrowScope(caller, query.data.areaPrefix);
    const users = (await listUsers(db, prefix)).filter((user) => mayAdminister(caller, user));
    await recordAudit(db, [{ ...actor(caller), action: 'view', collection: 'admin_users', details: { count: users.length } }]);
    return { users };
  });

  app.post('/api/v1/admin/users', { bodyLimit: BODY_LIMITS.admin }, async (request, reply) => {
    const caller = await adminCaller(request);
    const body = parseBody(newUserBody, request.body);
    const problem = newUserProblem(body);
    if (problem) {
      const field = problem.split(':')[0] ?? 'body';
      throw new HttpError(422, 'invalid_user', `账号信息不符合要求：${problem}`, { fields: [{ field, message: problem }] });
    }
    if (!mayAdminister(caller, { id: '', role: body.role as AdminUser['role'], areaCode: body.areaCode })) {
      throw new HttpError(403, 'out_of_scope', '只能为本辖区下级创建账号');
    }
    if (await findUserByUsername(db, body.username)) {
      throw new HttpError(409, 'username_taken', '该用户名已被使用', { fields: [{ field: 'username', message: 'taken' }] });
    }
    const created = await db.transaction(async (tx) => {
      const user = await addUser(tx, body);
      await recordAudit(tx, [
        { ...actor(caller), action: 'create_user', collection: 'users', documentId: user.id, areaCode: user.areaCode, details: { role: user.role } },
      ]);
      return user;
    });
    return reply.status(201).send(await answerWith(created.id));
  });

  app.post('/api/v1/admin/users/:id/password', { bodyLimit: BODY_LIMITS.admin }, async (request): Promise<AdminUserAnswer> => {
    const caller = await adminCaller(request);
    const user = await managedUser(caller, param(request.params, 'id'));
    const body = parseBody(passwordBody, request.body);
    if (body.password.length < 8) {
      throw new HttpError(422, 'invalid_user', '密码至少8位', { fields: [{ field: 'password', message: 'at least 8 characters' }] });
    }
    await db.transaction(async (tx) => {
      await resetPassword(tx, user.id, body.password);
      await recordAudit(tx, [{ ...actor(caller), action: 'reset_password', collection: 'users', documentId: user.id, areaCode: user.areaCode }]);
    });
    return answerWith(user.id);
  });

  app.post('/api/v1/admin/users/:id/deactivate', { bodyLimit: BODY_LIMITS.admin }, async (request): Promise<AdminUserAnswer> => {
    const caller = await adminCaller(request);
    const user = await managedUser(caller, param(request.params, 'id'));
    await db.transaction(async (tx) => {
      const wasActive = await deactivateUser(tx, user.id);
      await recordAudit(tx, [
        { ...actor(caller), action: 'deactivate_user', collection: 'users', documentId: user.id, areaCode: user.areaCode, details: { wasActive } },
      ]);
    });
    // Committed: every process ends the user's open streams now (a lost notice: within seconds anyway).
    await sessions.announce({ userId: user.id }).catch(() => undefined);
    return answerWith(user.id);
  });

  app.post('/api/v1/admin/users/:userId/devices/:deviceId/revoke', { bodyLimit: BODY_LIMITS.admin }, async (request): Promise<AdminUserAnswer> => {
    const caller = await adminCaller(request);
    const user = await managedUser(caller, param(request.params, 'userId'));
    const deviceId = param(request.params, 'deviceId');
    const found = await db.transaction(async (tx) => {
      const wasActive = await revokeDevice(tx, user.id, deviceId);
      if (wasActive === null) return false;
      await recordAudit(tx, [
        {
          ...actor(caller),
          action: 'revoke_device',
          collection: 'users',
          documentId: user.id,
          areaCode: user.areaCode,
          details: { deviceId, wasActive },
        },
      ]);
      return true;
    });
    if (!found) throw new HttpError(404, 'not_found', '该用户没有这台设备', { ids: [user.id], deviceId });
    await sessions.announce({ userId: user.id, deviceId }).catch(() => undefined);
    return answerWith(user.id);
  });
}
