import { describe, expect, it } from 'vitest';
import type { Application } from '../../shared/schemas/application';
import { programmeItems } from '../../renderer/ui/today/programmeItems';
import { makeApplication, makeHousehold } from '../support/documents';

const TODAY = '2026-12-05';
const household = makeHousehold('371623102201');
const app = (overrides: Partial<Application>) => makeApplication(household, overrides);

describe('今日: the programmes’ reminders', () => {
  const open = app({ type: 'temporaryAid', emergency: true, status: 'investigating', emergencyGrant: { amount: 2000, grantedOn: '2026-12-01', fileDueBy: '2026-12-08' } });
  const late = app({ type: 'temporaryAid', emergency: true, status: 'accepted', emergencyGrant: { amount: 1500, grantedOn: '2026-11-20', fileDueBy: '2026-11-27' } });
  const done = app({ ...open, id: 'app-done', status: 'approved', decision: { oneOffAmount: 2000 } });
  const lapsing = app({ type: 'rigidExpenditure', status: 'approved', decision: { validUntil: '2027-01-04' } });
  const later = app({ type: 'dibaoEdge', status: 'approved', decision: { validUntil: '2027-01-05' } });
  const all = [open, late, done, lapsing, later];

  it('lists the township’s open 急难 files until the county has decided, overdue after their due date', () => {
    const rows = programmeItems(all, 'township', TODAY).filter((item) => item.kind === 'programme' && item.reminder === 'emergencyFile');
    expect(rows.map((row) => [row.key, row.due, row.daysLeft])).toEqual([
      [`emergencyFile:${late.id}`, '2026-11-27', -8],
      [`emergencyFile:${open.id}`, '2026-12-08', 3],
    ]);
  });

  it('lists recognitions lapsing within 30 days for the township and the village assistant, not the county', () => {
    for (const role of ['township', 'assistant'] as const) {
      const rows = programmeItems(all, role, TODAY).filter((item) => item.kind === 'programme' && item.reminder === 'recognitionLapsing');
      expect(rows.map((row) => row.key)).toEqual([`recognition:${lapsing.id}`]);
    }
    expect(programmeItems(all, 'assistant', TODAY).map((row) => row.key)).not.toContain(`emergencyFile:${open.id}`);
    expect(programmeItems(all, 'county', TODAY)).toEqual([]);
  });
});
