import {
  householdFormSchema,
  householdSchema,
  membersFromForm,
  type Household,
} from '../../shared/schemas/household';
import { isVillageCode } from '../../shared/areas';
import { isInScope, scopePrefix } from '../../shared/auth/roles';
import type { HouseholdFormOutput } from './records';
import type { Workspace } from './workspace';

export function newDocumentId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().replaceAll('-', '')}`;
}

/**
 * Saves a household on this device at once. The form is checked again here with the shared
 * rules, so nothing invalid is stored even if a form let it through.
 */
export async function saveHousehold(
  workspace: Workspace,
  form: HouseholdFormOutput,
  existingId?: string,
): Promise<Household> {
  const { user } = workspace.session;
  if (!isVillageCode(form.areaCode) || !isInScope(form.areaCode, scopePrefix(user.role, user.areaCode))) {
    throw new Error('areaCode: the village is outside the signed-in user\'s area');
  }
  const entry = householdFormSchema.parse(form);
  const now = Date.now();
  const existing = existingId ? await workspace.db.households.findOne(existingId).exec() : null;
  if (existingId && !existing) throw new Error(`household ${existingId} not found`);
  const base = existing?.toMutableJSON() ?? { id: newDocumentId('hh'), createdAt: now, createdBy: user.id };
  const doc: Household = householdSchema.parse({
    id: base.id,
    areaCode: form.areaCode,
    address: entry.address,
    ...(entry.phone ? { phone: entry.phone } : {}),
    ...(entry.note ? { note: entry.note } : {}),
    members: membersFromForm(entry.members),
    createdAt: base.createdAt,
    createdBy: base.createdBy,
    updatedAt: Math.max(now, (existing?.updatedAt ?? 0) + 1),
    updatedBy: user.id,
  });
  workspace.pending.mark('households', doc.id, doc.updatedAt);
  try {
    await workspace.db.households.upsert(doc);
  } catch (error) {
    workspace.pending.unmark('households', doc.id);
    throw error;
  }
  return doc;
}
