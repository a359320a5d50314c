import type { z } from 'zod';
import { visitFormSchema, visitSchema, type Visit } from '../../../shared/schemas/visit';
import { newDocumentId, plainJson } from '../core/documents';
import type { Workspace } from '../core/workspace';
import { writeDocument } from '../core/writeDocument';

export type VisitFormOutput = z.output<typeof visitFormSchema>;

/** Records a home visit (入户走访 / 入户调查) of a household on this device at once. */
export async function saveVisit(workspace: Workspace, householdId: string, form: VisitFormOutput): Promise<Visit> {
  const household = await workspace.db.households.findOne(householdId).exec();
  if (!household) throw new Error(`household ${householdId} not found`);
  const entry = visitFormSchema.parse(form);
  const now = Date.now();
  const { user } = workspace.session;
  const doc: Visit = visitSchema.parse(
    plainJson({
      ...entry,
      id: newDocumentId('v'),
      areaCode: household.areaCode,
      householdId,
      createdAt: now,
      createdBy: user.id,
      updatedAt: now,
      updatedBy: user.id,
    }),
  );
  return writeDocument(workspace, 'visits', doc);
}
