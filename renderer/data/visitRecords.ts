import { visitFormSchema, visitSchema, type Visit } from '../../shared/schemas/visit';
import { newDocumentId } from './householdRecords';
import type { VisitFormOutput } from './records';
import type { Workspace } from './workspace';

/** Records a home visit (入户走访) of a household on this device at once. */
export async function saveVisit(workspace: Workspace, householdId: string, form: VisitFormOutput): Promise<Visit> {
  const household = await workspace.db.households.findOne(householdId).exec();
  if (!household) throw new Error(`household ${householdId} not found`);
  const entry = visitFormSchema.parse(form);
  const now = Date.now();
  const { user } = workspace.session;
  const doc: Visit = visitSchema.parse({
    id: newDocumentId('v'),
    areaCode: household.areaCode,
    householdId,
    type: entry.type,
    visitDate: entry.visitDate,
    investigators: entry.investigators,
    findings: entry.findings,
    ...(entry.nextVisitDate ? { nextVisitDate: entry.nextVisitDate } : {}),
    createdAt: now,
    createdBy: user.id,
    updatedAt: now,
    updatedBy: user.id,
  });
  workspace.pending.mark('visits', doc.id, doc.updatedAt);
  try {
    await workspace.db.visits.insert(doc);
  } catch (error) {
    workspace.pending.unmark('visits', doc.id);
    throw error;
  }
  return doc;
}
