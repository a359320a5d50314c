import type { z } from 'zod';
import { isVillageCode } from '../../../shared/areas';
import { isInScope, scopePrefix } from '../../../shared/auth/roles';
import { householdIdHashes, searchKeyFor } from '../../../shared/domain/idHash';
import { householdFormSchema, householdSchema, membersFromForm, type Household } from '../../../shared/schemas/household';
import { newDocumentId, plainJson } from '../core/documents';
import type { Workspace } from '../core/workspace';
import { nextUpdatedAt, writeDocument } from '../core/writeDocument';

export type HouseholdFormOutput = z.output<typeof householdFormSchema> & { areaCode: string };

/** Writes a household locally after the shared rules accept it. */
function writeHousehold(workspace: Workspace, doc: Household): Promise<Household> {
  return writeDocument(workspace, 'households', householdSchema.parse(doc));
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
  const { areaCode: _areaCode, ...entry } = householdFormSchema.parse(form) as HouseholdFormOutput;
  const now = Date.now();
  const existing = existingId ? await workspace.db.households.findOne(existingId).exec() : null;
  if (existingId && !existing) throw new Error(`household ${existingId} not found`);
  const previous = existing?.toMutableJSON();
  const members = membersFromForm(entry.members);
  // Hashed with the key of the household's own township; without it (a profile from before the
  // server sent keys) the server computes them when the household arrives.
  const searchKey = searchKeyFor(workspace.searchKeys, form.areaCode);
  const doc = plainJson<Household>({
    ...entry,
    id: previous?.id ?? newDocumentId('hh'),
    areaCode: form.areaCode,
    members,
    // Plain beside the encrypted members: the name search reads it.
    memberNames: members.map((member) => member.name),
    ...(previous?.archived ? { archived: previous.archived } : {}),
    // The township's 城市/农村 mark is not on the form: an edit keeps it.
    ...(previous?.residence ? { residence: previous.residence } : {}),
    ...(searchKey ? { idHashes: await householdIdHashes(searchKey, members) } : {}),
    createdAt: previous?.createdAt ?? now,
    createdBy: previous?.createdBy ?? user.id,
    updatedAt: nextUpdatedAt(previous?.updatedAt, now),
    updatedBy: user.id,
  });
  return writeHousehold(workspace, doc);
}

/** 归档: a household is never deleted; it is archived with a reason and stays readable. */
export async function archiveHousehold(workspace: Workspace, id: string, reason: string): Promise<Household> {
  const existing = await workspace.db.households.findOne(id).exec();
  if (!existing) throw new Error(`household ${id} not found`);
  const previous = existing.toMutableJSON();
  const now = Date.now();
  const { user } = workspace.session;
  return writeHousehold(workspace, {
    ...previous,
    archived: { at: now, by: user.id, reason: reason.trim() },
    updatedAt: nextUpdatedAt(previous.updatedAt, now),
    updatedBy: user.id,
  });
}

/** The township marks the household 城市 or 农村 (which 低保 standard applies); null goes back to the area's guess. */
export async function setHouseholdResidence(workspace: Workspace, id: string, residence: 'urban' | 'rural' | null): Promise<Household> {
  const existing = await workspace.db.households.findOne(id).exec();
  if (!existing) throw new Error(`household ${id} not found`);
  const { residence: _old, ...previous } = existing.toMutableJSON();
  const now = Date.now();
  return writeHousehold(workspace, {
    ...previous,
    ...(residence === null ? {} : { residence }),
    updatedAt: nextUpdatedAt(previous.updatedAt, now),
    updatedBy: workspace.session.user.id,
  });
}
