import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { Household } from '../../shared/schemas/household';
import { ageBandOf, areaLevelLength, dashboardFigures, type FigureInput } from '../../shared/stats/figures';
import { makeApplication, makeHousehold, makeVisit, stepApplication } from '../support/documents';

const TODAY = '2026-11-20';
const VILLAGE_A = '371623102201';
const VILLAGE_B = '371623102202';
const TOWNSHIP = '371623102';
const chinaNoon = (date: string) => Date.parse(`${date}T12:00:00+08:00`);

/** One living member born on `birthDate`, as a household's head. */
function person(id: string, birthDate: string, seq: number): Household['members'][number] {
  return { id, name: `成员${id}`, idNumber: makeIdNumber('371623', birthDate, seq), relation: 'head', birthDate, sex: 'male' };
}

function single(areaCode: string, birthDate: string, seq: number, overrides: Partial<Household> = {}): Household {
  return makeHousehold(areaCode, { members: [person(`p${seq}`, birthDate, seq)], createdAt: chinaNoon('2026-01-05'), ...overrides });
}

const user = { id: 'u-township', displayName: '刘芳', role: 'township' as const };

describe('dashboard figures', () => {
  it('puts ages on the band boundaries where the law puts them: 15 under 16, 16 working age, 60 elderly', () => {
    expect([0, 15, 16, 59, 60, 79, 80, 101].map(ageBandOf)).toEqual([
      'under16', 'under16', 'age16to59', 'age16to59', 'age60to79', 'age60to79', 'age80plus', 'age80plus',
    ]);
    // Exactly 16 today, one day short of 16, exactly 60 today, one day short of 60.
    const households = [
      single(VILLAGE_A, '2010-11-20', 1),
      single(VILLAGE_A, '2010-11-21', 2),
      single(VILLAGE_A, '1966-11-20', 3),
      single(VILLAGE_A, '1966-11-21', 4),
      single(VILLAGE_A, '1946-11-20', 5),
    ];
    const figures = dashboardFigures({ households, applications: [], visits: [], careNeeds: [], today: TODAY, scope: TOWNSHIP });
    expect(figures.ages).toEqual({ under16: 1, age16to59: 2, age60to79: 1, age80plus: 1, age60plus: 2 });
  });

  it('counts households and people by group, circle and village; leaves out the archived and the dead', () => {
    const tekun = single(VILLAGE_A, '1940-01-01', 11, { categories: ['tekun', 'elderly'] });
    const dibao = makeHousehold(VILLAGE_A, { categories: ['dibao'], createdAt: chinaNoon('2026-01-05') });
    const edge = makeHousehold(VILLAGE_B, {
      categories: ['dibaoEdge'],
      members: [
        person('e1', '1970-05-05', 21),
        { ...person('e2', '1942-05-05', 22), relation: 'parent', deceasedOn: '2026-10-01' },
      ],
    });
    const outer = single(VILLAGE_B, '1980-01-01', 12, { categories: ['otherLowIncome'] });
    const none = single(VILLAGE_B, '1990-01-01', 13);
    const archived = single(VILLAGE_B, '1950-01-01', 14, {
      categories: ['dibao'],
      archived: { at: 1, by: 'u', reason: '迁出' },
    });
    const input: FigureInput = {
      households: [tekun, dibao, edge, outer, none, archived],
      applications: [],
      visits: [],
      careNeeds: [],
      today: TODAY,
      scope: TOWNSHIP,
    };
    const figures = dashboardFigures(input);
    expect(figures.totals).toEqual({ households: 5, people: 6 });
    expect(figures.byGroup).toEqual({
      tekun: { households: 1, people: 1 },
      dibao: { households: 1, people: 2 },
      dibaoEdge: { households: 1, people: 1 },
      rigidExpenditure: { households: 0, people: 0 },
    });
    expect(figures.byCircle).toEqual({
      core: { households: 2, people: 3 },
      middle: { households: 1, people: 1 },
      outer: { households: 1, people: 1 },
      none: { households: 1, people: 1 },
    });
    expect(figures.byArea).toEqual([
      { code: VILLAGE_A, households: 2, people: 3 },
      { code: VILLAGE_B, households: 3, people: 3 },
    ]);
    // A county's figures are by township, a city's by county.
    expect(areaLevelLength('371623')).toBe(9);
    expect(areaLevelLength('3716')).toBe(6);
    expect(dashboardFigures({ ...input, scope: '371623' }).byArea).toEqual([{ code: TOWNSHIP, households: 5, people: 6 }]);
  });

  it('counts applications by type and status, flags near and overdue deadlines, and trends by month', () => {
    const household = single(VILLAGE_A, '1950-01-01', 31, { categories: ['dibao'] });
    // 医疗救助 runs no statutory deadline (its path sets none): a draft of one, counted by type only.
    const draft = makeApplication(household, { type: 'medicalAid', createdAt: chinaNoon('2026-11-02') });
    const submitted = stepApplication(makeApplication(household, { createdAt: chinaNoon('2026-10-10') }), {
      action: 'submit', to: 'submitted', by: user,
    });
    // Accepted 2026-11-18 (Wed): the investigation is due 3 working days later, 11-23 → near.
    const acceptedRecently = makeApplication(household, {
      type: 'dibao',
      status: 'accepted',
      createdAt: chinaNoon('2026-11-17'),
      history: [{ id: 'h1', action: 'accept', from: 'submitted', to: 'accepted', at: chinaNoon('2026-11-18'), byUserId: 'u', byName: '刘芳', role: 'township' }],
    });
    // Accepted in October and never investigated: overdue.
    const acceptedLongAgo = makeApplication(household, {
      type: 'tekun',
      status: 'accepted',
      createdAt: chinaNoon('2025-11-30'),
      history: [{ id: 'h2', action: 'accept', from: 'submitted', to: 'accepted', at: chinaNoon('2026-10-08'), byUserId: 'u', byName: '刘芳', role: 'township' }],
    });
    const approved = makeApplication(household, {
      status: 'approved',
      createdAt: chinaNoon('2026-09-01'),
      history: [{ id: 'h3', action: 'approve', from: 'pendingConfirmation', to: 'approved', at: chinaNoon('2026-10-20'), byUserId: 'c', byName: '张伟', role: 'county' }],
    });
    const figures = dashboardFigures({
      households: [household],
      applications: [draft, submitted, acceptedRecently, acceptedLongAgo, approved],
      visits: [],
      careNeeds: [],
      today: TODAY,
      scope: TOWNSHIP,
    });
    expect(figures.applications.total).toBe(5);
    expect(figures.applications.byType).toMatchObject({ dibao: 3, medicalAid: 1, tekun: 1, temporaryAid: 0 });
    expect(figures.applications.byStatus).toMatchObject({ draft: 1, submitted: 1, accepted: 2, approved: 1, refused: 0 });
    expect(figures.applications.deadlinesNear).toBe(1);
    expect(figures.applications.deadlinesOverdue).toBe(1);
    expect(figures.trend).toHaveLength(12);
    expect(figures.trend[0]?.month).toBe('2025-12'); // 2025-11-30 falls outside the 12 months
    expect(figures.trend.map((m) => m.created).reduce((a, b) => a + b)).toBe(4);
    expect(figures.trend.find((m) => m.month === '2026-11')).toEqual({ month: '2026-11', created: 2, approved: 0 });
    expect(figures.trend.find((m) => m.month === '2026-10')).toEqual({ month: '2026-10', created: 1, approved: 1 });
  });

  it('measures this month’s home visits against the review schedule, and counts open care needs', () => {
    // Visited a year ago: due this month (yearly), visited on 11-10.
    const dueVisited = single(VILLAGE_A, '1940-01-01', 41, { categories: ['tekun'] });
    // Visited in August: not due until next year (yearly: old, cannot work).
    const notDue = single(VILLAGE_A, '1941-01-01', 42, { categories: ['dibao'] });
    // 低保 and never visited: owed since enrolment.
    const neverVisited = single(VILLAGE_B, '1942-01-01', 43, { categories: ['dibao'] });
    // Only 老年人/残疾人, or 低保边缘: no benefit to review, so no review rhythm (B1 art. 31 is 低保's).
    const elderlyOnly = single(VILLAGE_B, '1944-01-01', 45, { categories: ['elderly', 'disabled'] });
    const edge = single(VILLAGE_B, '1945-01-01', 46, { categories: ['dibaoEdge'] });
    // No group: no review required, but a visit still counts as a visit.
    const noGroup = single(VILLAGE_B, '1943-01-01', 44);
    const visits = [
      makeVisit(dueVisited, { visitDate: '2025-11-15' }),
      makeVisit(dueVisited, { visitDate: '2026-11-10' }),
      makeVisit(notDue, { visitDate: '2026-08-01' }),
      makeVisit(noGroup, { visitDate: '2026-11-03' }),
      makeVisit(noGroup, { visitDate: '2026-11-25' }), // after today: planned, not done
    ];
    const need = (category: 'dailyCare' | 'medical', state: 'open' | 'closed') => ({
      id: `cn-${category}-${state}-x`,
      areaCode: VILLAGE_A,
      householdId: dueVisited.id,
      category,
      severity: 'medium' as const,
      description: '需要照料',
      referrals: [],
      followUps: [],
      state,
      createdAt: 1,
      createdBy: 'u',
      updatedAt: 1,
      updatedBy: 'u',
    });
    const figures = dashboardFigures({
      households: [dueVisited, notDue, neverVisited, noGroup, elderlyOnly, edge],
      applications: [],
      visits,
      careNeeds: [need('dailyCare', 'open'), need('dailyCare', 'open'), need('medical', 'closed')],
      today: TODAY,
      scope: TOWNSHIP,
    });
    expect(figures.visits).toEqual({ month: '2026-11', required: 2, requiredVisited: 1, visitsThisMonth: 2, householdsVisited: 2 });
    expect(figures.careNeeds.open).toBe(2);
    expect(figures.careNeeds.byCategory).toMatchObject({ dailyCare: 2, medical: 0 });
  });
});
