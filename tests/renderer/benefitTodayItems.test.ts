import { describe, expect, it } from 'vitest';
import type { Application } from '../../shared/schemas/application';
import { benefitItems } from '../../renderer/ui/caseLife/benefitTodayItems';
import { makeApplication, makeHousehold } from '../support/documents';

const VILLAGE = '371623102201';
type Benefit = NonNullable<Application['benefit']>;

function approved(benefit: Partial<Benefit>): Application {
  return makeApplication(makeHousehold(VILLAGE), {
    status: 'approved',
    decision: { approvedMonthlyAmount: 420, method: 'gap' },
    benefit: { state: 'active', monthlyAmount: 420, fromMonth: '2026-09', changes: [], reviews: [], ...benefit },
  });
}

const whats = (items: ReturnType<typeof benefitItems>) => items.map((item) => [item.what, item.due, item.daysLeft]);

describe('今日 items of a benefit’s life', () => {
  it('lists a 渐退期 that ends this month, due on its last day, for the county and the township', () => {
    const ending = approved({ state: 'phasingOut', phaseOutUntil: '2026-12' });
    const later = approved({ state: 'phasingOut', phaseOutUntil: '2027-02' });
    expect(whats(benefitItems([ending, later], 'county', '2026-12-10', '371623'))).toEqual([['phaseOutEnds', '2026-12-31', 21]]);
    expect(benefitItems([ending], 'township', '2026-12-10', '371623102')[0]).toMatchObject({ to: `/applications/${ending.id}`, householdId: ending.householdId });
    expect(benefitItems([ending], 'assistant', '2026-12-10', VILLAGE)).toEqual([]);
  });

  it('lists a review due by a set date until a review is recorded, and nothing for a stopped benefit', () => {
    const due = approved({ reviewDueBy: '2026-12-20' });
    expect(whats(benefitItems([due], 'county', '2026-12-10', '371623'))).toEqual([['reviewDue', '2026-12-20', 10]]);
    expect(benefitItems([due], 'county', '2026-12-01', '371623')).toEqual([]); // 19 days ahead: not yet
    const reviewed = approved({ reviewDueBy: '2026-12-20', reviews: [{ id: 'r', on: '2026-12-05', outcome: 'continue' }] });
    expect(benefitItems([reviewed], 'county', '2026-12-10', '371623')).toEqual([]);
    const stopped = approved({ state: 'stopped', stoppedFrom: '2026-12', reviewDueBy: '2026-12-20' });
    expect(benefitItems([stopped], 'county', '2026-12-10', '371623')).toEqual([]);
  });

  it('gives the township a review visit’s outcome to record, until a review on file names that visit', () => {
    const paid = approved({});
    const visit = { id: 'v-review', visitDate: '2026-12-08', reviewOutcome: 'stop' as const };
    const visits = new Map([[paid.householdId, visit]]);
    expect(benefitItems([paid], 'township', '2026-12-10', '371623102', visits)).toMatchObject([{ what: 'reviewToRecord', outcome: 'stop', due: '2026-12-08', daysLeft: -2 }]);
    // The county acts on recorded reviews only; a visit without an outcome asks nothing.
    expect(benefitItems([paid], 'county', '2026-12-10', '371623', visits)).toEqual([]);
    expect(benefitItems([paid], 'township', '2026-12-10', '371623102', new Map([[paid.householdId, { id: 'v-plain', visitDate: '2026-12-08' }]]))).toEqual([]);
    const recorded = approved({ reviews: [{ id: 'r', visitId: 'v-review', on: '2026-12-08', outcome: 'stop' }] });
    expect(benefitItems([recorded], 'township', '2026-12-10', '371623102', new Map([[recorded.householdId, visit]]))).toEqual([]);
    // A review on file for an earlier visit does not answer this one.
    const earlier = approved({ reviews: [{ id: 'r', visitId: 'v-old', on: '2026-06-08', outcome: 'continue' }] });
    expect(benefitItems([earlier], 'township', '2026-12-10', '371623102', new Map([[earlier.householdId, visit]])).map((i) => i.what)).toEqual(['reviewToRecord']);
  });

  it('gives the county a review that found “stop” or “adjust” to act on, until a change follows it', () => {
    const found = approved({ reviews: [{ id: 'r', on: '2026-12-08', outcome: 'stop' }] });
    expect(benefitItems([found], 'county', '2026-12-10', '371623')).toMatchObject([{ what: 'reviewDecision', outcome: 'stop', due: '2026-12-08', daysLeft: -2 }]);
    expect(benefitItems([found], 'township', '2026-12-10', '371623102')).toEqual([]);
    const fine = approved({ reviews: [{ id: 'r', on: '2026-12-08', outcome: 'continue' }] });
    expect(benefitItems([fine], 'county', '2026-12-10', '371623')).toEqual([]);
    const change = { id: 'c', kind: 'decrease' as const, month: '2027-01', monthlyAmount: 300, reason: '收入增加', at: Date.parse('2026-12-09T02:00:00Z'), byUserId: 'u', byName: '县' };
    const adjusted = approved({ monthlyAmount: 300, changes: [change], reviews: [{ id: 'r', on: '2026-12-08', outcome: 'adjust' }] });
    expect(benefitItems([adjusted], 'county', '2026-12-10', '371623')).toEqual([]);
  });

  it('asks the township to check the month’s 花名册 in its last five days, when someone is on it', () => {
    const paid = approved({});
    expect(benefitItems([paid], 'township', '2026-12-26', '371623102')).toEqual([]);
    expect(whats(benefitItems([paid], 'township', '2026-12-27', '371623102'))).toEqual([['rosterCheck', '2026-12-31', 4]]);
    expect(benefitItems([paid], 'township', '2026-12-31', '371623102')[0]).toMatchObject({ householdId: '', to: '/roster' });
    expect(benefitItems([paid], 'township', '2026-12-28', '371623103')).toEqual([]); // another township's
    expect(benefitItems([paid], 'county', '2026-12-28', '371623')).toEqual([]);
    const notYet = approved({ fromMonth: '2027-01' });
    expect(benefitItems([notYet], 'township', '2026-12-28', '371623102')).toEqual([]);
  });
});
