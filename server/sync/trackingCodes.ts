import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';
import type { StoredWrite } from '../storage/storedWrite';

/**
 * 码上查: the server's register of tracking codes. The laptop draws a code when the township
 * accepts (受理, offline too) and it travels in the application; here, inside the push's
 * transaction, the server keeps only its hash beside the application's id, refuses a code that
 * another application already holds, refuses a code changed once set, and follows 停用. The write
 * policy (shared/sync/writePolicy.ts) has already said who may set and stop it.
 */

/** The code is a bearer secret: the register holds its SHA-256, never the code. */
export function trackingCodeHash(code: string): string {
  return createHash('sha256').update(`jiuzhu-tracking:${code}`).digest('hex');
}

const codeOf = (doc: Record<string, unknown> | undefined | null): string | undefined =>
  typeof doc?.['trackingCode'] === 'string' ? doc['trackingCode'] : undefined;

export async function registerTrackingCodes(tx: Queryable, writes: readonly StoredWrite[], now: number): Promise<void> {
  for (const write of writes) {
    if (write.deleted) continue;
    const id = String(write.doc['id']);
    const before = write.previous && !write.previous.deleted ? write.previous.data : null;
    const held = codeOf(before);
    const code = codeOf(write.doc);
    if (held !== undefined && code !== held) {
      throw new HttpError(422, 'requirements_not_met', '码上查查询码一经生成不能更改或删除；本批次未保存', {
        ids: [id],
        problems: [{ id, field: 'trackingCode', message: '查询码一经生成不能更改或删除' }],
      });
    }
    const revoked = write.doc['trackingRevoked'] === true;
    // 停用 is never undone (the laptop says so): a receipt once stopped stays stopped.
    if (before?.['trackingRevoked'] === true && !revoked) {
      throw new HttpError(422, 'requirements_not_met', '已停用的码上查查询码不能恢复；本批次未保存', {
        ids: [id],
        problems: [{ id, field: 'trackingRevoked', message: '查询码停用后不能恢复' }],
      });
    }
    if (code === undefined) continue;
    if (held === undefined) {
      const hash = trackingCodeHash(code);
      // The application may already hold a register row (the same code pushed again after its
      // record was restored from an older copy): the same code is kept, another one is a change.
      const [mine] = await tx.query<{ code_hash: string }>('SELECT code_hash FROM tracking_codes WHERE application_id = $1', [id]);
      if (mine && mine.code_hash !== hash) {
        throw new HttpError(422, 'requirements_not_met', '这份申请已有码上查查询码，不能更换；本批次未保存', {
          ids: [id],
          problems: [{ id, field: 'trackingCode', message: '查询码一经生成不能更改或删除' }],
        });
      }
      if (mine) {
        if (revoked) await tx.query('UPDATE tracking_codes SET revoked = true WHERE application_id = $1', [id]);
        continue;
      }
      await tx.query(
        `INSERT INTO tracking_codes (code_hash, application_id, revoked, registered_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code_hash) DO NOTHING`,
        [hash, id, revoked, now],
      );
      const owner = await tx.query<{ application_id: string }>('SELECT application_id FROM tracking_codes WHERE code_hash = $1', [hash]);
      if (owner[0]?.application_id !== id) {
        throw new HttpError(409, 'tracking_code_used', '该查询码已被另一份申请使用，请重新受理生成新码；本批次未保存', {
          ids: [id],
          problems: [{ id, field: 'trackingCode', message: '查询码已被使用' }],
        });
      }
    } else if (revoked && before?.['trackingRevoked'] !== true) {
      await tx.query('UPDATE tracking_codes SET revoked = true WHERE application_id = $1', [id]);
    }
  }
}
