import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findArea } from '../../../shared/areas';
import { rosterSheet } from '../../../shared/exports/rosterSheet';
import { benefitChangeProblems, benefitOnApproval, withChange, type Benefit, type BenefitChange } from '../../../shared/rules/benefit';
import { paymentIn, rosterFor, type RosterApplication, type RosterHousehold } from '../../../shared/rules/roster';
import { buildWorkbook } from '../../../renderer/data/core/exports/workbook';

const EAST = '371623102201';
const WEST = '371623102202';
let serial = 0;

function change(kind: BenefitChange['kind'], month: string, monthlyAmount?: number): BenefitChange {
  serial += 1;
  return { id: `c${serial}`, kind, month, ...(monthlyAmount !== undefined ? { monthlyAmount } : {}), reason: '复核', at: serial, byUserId: 'u', byName: '县民政局' };
}

function approvedApp(id: string, areaCode: string, benefit: Benefit, type = 'dibao', covered = ['h1', 'h2']): RosterApplication & { benefit: Benefit } {
  return { id, householdId: `hh-${id}`, areaCode, type, status: 'approved', coveredMemberIds: covered, decision: { approvedMonthlyAmount: 420 }, benefit };
}

const start = (): Benefit => benefitOnApproval({ type: 'dibao', decision: { approvedMonthlyAmount: 420 } }, '2026-11-20')!;

describe('a monthly benefit month by month', () => {
  it('is paid from the month after approval, at the amount decided', () => {
    const benefit = start();
    expect(benefit).toEqual({ state: 'active', monthlyAmount: 420, fromMonth: '2026-12', changes: [], reviews: [] });
    expect(paymentIn(benefit, 420, '2026-11')).toBeNull();
    expect(paymentIn(benefit, 420, '2026-12')).toEqual({ monthlyAmount: 420, phasingOut: false });
    // A December approval starts in January of the next year.
    expect(benefitOnApproval({ type: 'tekun', decision: { approvedMonthlyAmount: 800 } }, '2026-12-31')?.fromMonth).toBe('2027-01');
    expect(benefitOnApproval({ type: 'medicalAid', decision: { approvedMonthlyAmount: 800 } }, '2026-12-31')).toBeUndefined();
  });

  it('takes each change from its month on, so an earlier month keeps what it paid', () => {
    const decrease = change('decrease', '2027-02', 300);
    const increase = change('increase', '2027-04', 500);
    const benefit = withChange(withChange(start(), decrease), increase);
    expect(benefit.monthlyAmount).toBe(500);
    expect(['2027-01', '2027-02', '2027-03', '2027-04'].map((m) => paymentIn(benefit, 420, m)?.monthlyAmount)).toEqual([420, 300, 300, 500]);
  });

  it('pays a 渐退期 until its last month, and nothing from a stop’s month', () => {
    const phaseOut = change('phaseOut', '2027-03');
    const phasing = withChange(start(), phaseOut, '2027-05');
    expect(phasing).toMatchObject({ state: 'phasingOut', phaseOutUntil: '2027-05', monthlyAmount: 420 });
    expect(paymentIn(phasing, 420, '2027-02')).toEqual({ monthlyAmount: 420, phasingOut: false });
    expect(paymentIn(phasing, 420, '2027-05')).toEqual({ monthlyAmount: 420, phasingOut: true });
    expect(paymentIn(phasing, 420, '2027-06')).toBeNull();

    const stopped = withChange(start(), change('stop', '2027-02'));
    expect(stopped).toMatchObject({ state: 'stopped', stoppedFrom: '2027-02' });
    expect(paymentIn(stopped, 420, '2027-01')?.monthlyAmount).toBe(420);
    expect(paymentIn(stopped, 420, '2027-02')).toBeNull();
  });

  it('checks a change before it is written: reason, month, amount, 渐退期 of at most 6 months, nothing after a stop', () => {
    const benefit = start();
    const fields = (input: Parameters<typeof benefitChangeProblems>[1], on = '2026-12-10') => benefitChangeProblems(benefit, input, on).map((p) => p.field);
    expect(fields({ kind: 'stop', month: '2027-01', reason: ' ' })).toEqual(['benefit.changes.reason']);
    expect(fields({ kind: 'stop', month: '2026-11', reason: '死亡' })).toEqual(['benefit.changes.month']);
    // A month already over is closed: its roster does not change.
    expect(fields({ kind: 'stop', month: '2026-12', reason: '死亡' }, '2027-01-05')).toEqual(['benefit.changes.month']);
    expect(fields({ kind: 'increase', month: '2027-01', monthlyAmount: 400, reason: '增发' })).toEqual(['benefit.changes.monthlyAmount']);
    expect(fields({ kind: 'decrease', month: '2027-01', monthlyAmount: -1, reason: '减发' })).toEqual(['benefit.changes.monthlyAmount']);
    expect(fields({ kind: 'decrease', month: '2027-01', monthlyAmount: 0, reason: '减发' })).toEqual([]);
    expect(fields({ kind: 'phaseOut', month: '2027-01', reason: '收入超标', phaseOutUntil: '2027-06' })).toEqual([]);
    expect(fields({ kind: 'phaseOut', month: '2027-01', reason: '收入超标', phaseOutUntil: '2027-07' })).toEqual(['benefit.phaseOutUntil']);
    expect(fields({ kind: 'phaseOut', month: '2027-01', reason: '收入超标', phaseOutUntil: '2026-12' })).toEqual(['benefit.phaseOutUntil']);
    const stopped = withChange(benefit, change('stop', '2027-01'));
    expect(benefitChangeProblems(stopped, { kind: 'increase', month: '2027-02', monthlyAmount: 500, reason: '增发' }, '2026-12-10')).toHaveLength(1);
  });
});

describe('the roster (花名册) of a month', () => {
  const households = new Map<string, RosterHousehold>([
    ['hh-a', { members: [{ id: 'h1', name: '张三', relation: 'head' }, { id: 'h2', name: '李四', relation: 'spouse', deceasedOn: '2027-01-10' }] }],
    ['hh-b', { members: [{ id: 'h1', name: '王五', relation: 'head' }, { id: 'h2', name: '赵六', relation: 'son' }] }],
    ['hh-c', { members: [{ id: 'h1', name: '刘七', relation: 'head' }] }],
    ['hh-d', { members: [{ id: 'h1', name: '陈八', relation: 'head' }, { id: 'h2', name: '周九', relation: 'daughter' }] }],
  ]);
  const applications = [
    approvedApp('a', EAST, start()),
    approvedApp('b', EAST, withChange(start(), change('stop', '2027-02'))),
    approvedApp('c', WEST, { ...start(), monthlyAmount: 800 }, 'tekun', ['h1']),
    approvedApp('d', WEST, withChange(start(), change('phaseOut', '2027-01', 210), '2027-03')),
    { ...approvedApp('e', WEST, start()), status: 'withdrawn' },
    approvedApp('f', '371623103201', start()),
  ];
  applications[2]!.decision = { approvedMonthlyAmount: 800 };

  it('lists who is paid that month in the area, by village, with the persons living at its start', () => {
    const january = rosterFor('2027-01', '371623102', applications, households);
    expect(january.map((l) => [l.applicationId, l.headName, l.persons, l.type, l.monthlyAmount, l.phasingOut])).toEqual([
      // By pinyin within a village and programme: 王 (wáng) before 张 (zhāng).
      ['b', '王五', 2, 'dibao', 420, false],
      ['a', '张三', 2, 'dibao', 420, false],
      ['d', '陈八', 2, 'dibao', 210, true],
      ['c', '刘七', 1, 'tekun', 800, false],
    ]);
    const february = rosterFor('2027-02', '371623102', applications, households);
    // 王五's benefit stopped from February; 李四 died in January, so 张三's household counts one person.
    expect(february.map((l) => [l.applicationId, l.persons])).toEqual([['a', 1], ['d', 2], ['c', 1]]);
    expect(rosterFor('2027-04', '371623102', applications, households).map((l) => l.applicationId)).toEqual(['a', 'c']);
    expect(rosterFor('2026-11', '371623102', applications, households)).toEqual([]);
  });

  it('stays the same for a closed month when a later change is recorded for a later month', () => {
    const before = rosterFor('2027-01', EAST, applications, households);
    const later = applications.map((app) => (app.id === 'a' ? { ...app, benefit: withChange(app.benefit!, change('decrease', '2027-03', 100)) } : app));
    expect(rosterFor('2027-01', EAST, later, households)).toEqual(before);
    expect(rosterFor('2027-03', EAST, later, households).find((l) => l.applicationId === 'a')?.monthlyAmount).toBe(100);
  });

  it('exports to Excel as a payment office takes it: Chinese headers, 小计 per village and a 合计, cell by cell', async () => {
    const sheet = rosterSheet('2027-01', rosterFor('2027-01', '371623102', applications, households));
    const workbook = new ExcelJS.Workbook();
    const bytes = await buildWorkbook(sheet, { creator: '测试', created: new Date('2027-01-25T08:00:00Z') });
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const worksheet = workbook.worksheets[0]!;
    expect(worksheet.name).toBe('保障金花名册2027-01');
    const rows: unknown[][] = [];
    worksheet.eachRow((row) => rows.push(Array.from({ length: 7 }, (_, i) => row.getCell(i + 1).value ?? null)));
    const east = findArea(EAST)!.name;
    const west = findArea(WEST)!.name;
    expect(rows).toEqual([
      ['序号', '村（社区）', '户主姓名', '保障人数', '救助类型', '月保障金额（元）', '备注'],
      [1, east, '王五', 2, '低保', 420, ''],
      [2, east, '张三', 2, '低保', 420, ''],
      [null, `${east}小计`, null, 4, null, 840, '2户'],
      [3, west, '陈八', 2, '低保', 210, '渐退期至2027-03'],
      [4, west, '刘七', 1, '特困供养', 800, ''],
      [null, `${west}小计`, null, 3, null, 1010, '2户'],
      [null, '合计', null, 7, null, 1850, '4户'],
    ]);
  });
});
