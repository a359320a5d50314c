import type { AccountOutcome, PlannedAccount } from '../../shared/exports/accountSheet';
import { recordAudit, type AuditEntry } from '../audit/auditLog';
import type { Database } from '../db/database';
import { oneTimePassword } from './oneTimePassword';
import { addUser, findUserByUsername } from './userStore';

/** PostgreSQL's unique_violation: another process took the username between our check and our insert. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

/**
 * Creates the accounts a sheet plans, each in its own transaction (the user, its reference record
 * for colleagues' apps, and an audit entry), so a refused row leaves nothing behind and one bad row
 * never stops the others. Each created account gets its own one-time password, returned only here.
 */
/** Who imports: an administrator signed in on the admin page, or the operator on the server (no caller). */
export interface ImportedBy {
  actor: Pick<AuditEntry, 'userId' | 'deviceId' | 'role'>;
  via: 'user import' | 'admin page';
}

const BY_OPERATOR: ImportedBy = { actor: { userId: null, deviceId: null, role: null }, via: 'user import' };

export async function importAccounts(
  db: Database,
  planned: readonly PlannedAccount[],
  by: ImportedBy = BY_OPERATOR,
  makePassword: () => string = oneTimePassword,
): Promise<AccountOutcome[]> {
  const outcomes: AccountOutcome[] = [];
  for (const row of planned) {
    const { rowNumber, draft } = row;
    if (!row.ok) {
      outcomes.push({ rowNumber, draft, created: false, reason: row.reason });
      continue;
    }
    const { account } = row;
    const password = makePassword();
    try {
      const created = await db.transaction(async (tx) => {
        if (await findUserByUsername(tx, account.username)) return false;
        const user = await addUser(tx, { ...account, password });
        await recordAudit(tx, [
          {
            ...by.actor,
            action: 'create_user',
            collection: 'users',
            documentId: user.id,
            areaCode: user.areaCode,
            details: { role: user.role, via: by.via },
          },
        ]);
        return true;
      });
      outcomes.push(
        created
          ? { rowNumber, draft, created: true, password }
          : { rowNumber, draft, created: false, reason: `用户名 ${account.username} 已被使用` },
      );
    } catch (error) {
      const reason = isUniqueViolation(error)
        ? `用户名 ${account.username} 已被使用`
        : '创建时数据库出错，这一行未创建；请稍后只用这一行再导入一次';
      outcomes.push({ rowNumber, draft, created: false, reason });
    }
  }
  return outcomes;
}
