import { careNeedFormSchema, careNeedSchema, type CareNeed, type CareNeedForm } from '../../../shared/schemas/careNeed';
import { newDocumentId, plainJson } from '../core/documents';
import type { Workspace } from '../core/workspace';
import { nextUpdatedAt, writeDocument } from '../core/writeDocument';

/** Records or updates a care need (照料需求) with its plan, referrals and follow-ups. */
export async function saveCareNeed(
  workspace: Workspace,
  householdId: string,
  form: CareNeedForm,
  existingId?: string,
): Promise<CareNeed> {
  const household = await workspace.db.households.findOne(householdId).exec();
  if (!household) throw new Error(`household ${householdId} not found`);
  const entry = careNeedFormSchema.parse(form);
  const existing = existingId ? ((await workspace.db.careNeeds.findOne(existingId).exec())?.toMutableJSON() as CareNeed | undefined) : undefined;
  if (existingId && !existing) throw new Error(`care need ${existingId} not found`);
  const now = Date.now();
  const { user } = workspace.session;
  const doc = careNeedSchema.parse(
    plainJson({
      ...entry,
      id: existing?.id ?? newDocumentId('cn'),
      areaCode: household.areaCode,
      householdId,
      createdAt: existing?.createdAt ?? now,
      createdBy: existing?.createdBy ?? user.id,
      updatedAt: nextUpdatedAt(existing?.updatedAt, now),
      updatedBy: user.id,
    }),
  );
  return writeDocument(workspace, 'careNeeds', doc);
}
