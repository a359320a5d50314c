import { randomUUID } from 'node:crypto';
import { USERNAME_PATTERN } from '../../shared/auth/newAccount';
import { isAreaCodeValidForRole, roles, type Role, type SessionUser } from '../../shared/auth/roles';
import type { UserRef } from '../../shared/schemas/reference';
import { hashPassword } from '../auth/passwords';
import type { Queryable } from '../db/database';
import { storeDocuments } from '../storage/documentStore';
import { isStorableText } from '../db/storableText';

export interface StoredUser extends SessionUser {
  passwordHash: string;
  active: boolean;
}

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  role: Role;
  area_code: string;
  active: boolean;
}

const toUser = (row: UserRow): StoredUser => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  areaCode: row.area_code,
  passwordHash: row.password_hash,
  active: row.active,
});

export interface NewUser {
  username: string;
  password: string;
  role: string;
  areaCode: string;
  displayName?: string;
}

/** Checks a new user's fields; returns a message naming the bad field, or null. */
export function newUserProblem(user: NewUser): string | null {
  if (!USERNAME_PATTERN.test(user.username)) return 'username: 3–40 letters, digits, _ . -';
  if (user.password.length < 8) return 'password: at least 8 characters';
  if (!isStorableText(user.password)) return 'password: contains NUL or half of a surrogate pair';
  if (!(roles as readonly string[]).includes(user.role)) return `role: one of ${roles.join(', ')}`;
  if (!isAreaCodeValidForRole(user.role as Role, user.areaCode)) {
    return `area: a 12-digit code whose scope fits the role ${user.role} (e.g. a village for assistant, a township padded with zeros for township)`;
  }
  return null;
}

export async function addUser(db: Queryable, user: NewUser): Promise<SessionUser> {
  const problem = newUserProblem(user);
  if (problem) throw new Error(problem);
  const id = `u-${randomUUID()}`;
  const displayName = user.displayName?.trim() || user.username;
  await db.query(
    'INSERT INTO users (id, username, password_hash, display_name, role, area_code) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, user.username, await hashPassword(user.password), displayName, user.role, user.areaCode],
  );
  // Colleagues' apps show this name in histories and assignments: publish it as reference data.
  // A relay is a machine, not a colleague: the laptops' stored schema names people's roles only.
  const role = user.role as Role;
  if (role !== 'relay') {
    const userRef: UserRef = { id, areaCode: user.areaCode, displayName, role, active: true, updatedAt: Date.now() };
    await storeDocuments(db, 'users', [{ doc: { ...userRef }, deleted: false }]);
  }
  return { id, username: user.username, displayName, role: user.role as Role, areaCode: user.areaCode };
}

export async function findUserByUsername(db: Queryable, username: string): Promise<StoredUser | null> {
  const rows = await db.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserById(db: Queryable, id: string): Promise<StoredUser | null> {
  const rows = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export function publicUser(user: StoredUser): SessionUser {
  const { id, username, displayName, role, areaCode } = user;
  return { id, username, displayName, role, areaCode };
}
