import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deadlineStatus, dueDate } from '../../schema/deadlines/deadline.ts';
import {
  CATEGORIES,
  CATEGORY_KEYS,
  UPDATE_RULES,
  categoriesOf,
  categoriesWithoutExplicitProvider,
  parseResponsibilities,
  providersOf,
  responsibilities,
} from '../../schema/deadlines/rules.ts';
import { loadCalendar } from '../../schema/calendar/working-days.ts';
import { HubError } from '../../schema/errors.ts';

function hubErrorOf(fn: () => unknown): HubError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HubError) return err;
    throw err;
  }
  throw new Error('expected a HubError');
}

describe('dueDate: DOMAIN.md §6 worked examples', () => {
  it('R-4.6 legal document issued Fri 24/01/2025 → Tue 11/02/2025 (7 working days, across Tết)', () => {
    expect(dueDate('LEGAL_DOCUMENTS', { kind: 'issued', date: '2025-01-24' })).toBe('2025-02-11');
  });
  it('R-4.13 question received Fri 25/04/2025 → Tue 06/05/2025 (the worked Saturday 26/4 counts)', () => {
    expect(dueDate('QA', { kind: 'received', date: '2025-04-25' })).toBe('2025-05-06');
  });
  it('R-4.5 plan approved Fri 26/04/2024 → Tue 14/05/2024 (10 working days)', () => {
    expect(dueDate('PLANS', { kind: 'approved', date: '2024-04-26' })).toBe('2024-05-14');
    expect(dueDate('INVESTMENT_PROJECTS', { kind: 'approved', date: '2024-04-26' })).toBe('2024-05-14');
  });
  it('R-4.14 statistics announced Fri 29/08/2025 → Tue 09/09/2025', () => {
    expect(dueDate('STATISTICS', { kind: 'announced', date: '2025-08-29' })).toBe('2025-09-09');
  });
});

describe('dueDate: the other rules of Điều 7', () => {
  it('R-4.13 with several sectors coordinating: 10 working days', () => {
    expect(dueDate('QA', { kind: 'received', date: '2025-04-25' }, { coordinated: true })).toBe('2025-05-13');
  });
  it('R-4.4 law dissemination: 5 working days after issue (across 1–4/1/2026)', () => {
    expect(dueDate('LAW_DISSEMINATION', { kind: 'issued', date: '2025-12-29' })).toBe('2026-01-07');
  });
  it('R-4.11 science tasks: 10 after approval or after acceptance', () => {
    expect(dueDate('SCIENCE_TASKS', { kind: 'accepted', date: '2025-03-03' })).toBe('2025-03-17');
    expect(dueDate('SCIENCE_TASKS', { kind: 'approved', date: '2025-03-03' })).toBe('2025-03-17');
  });
  it('R-4.8 procedures: the latest date is 10 working days before the rule takes effect', () => {
    expect(dueDate('PROCEDURES', { kind: 'effective', date: '2025-05-05' })).toBe('2025-04-17');
    expect(dueDate('PROCEDURES', { kind: 'effective', date: '2026-01-01' })).toBe('2025-12-18');
  });
  it('R-4.1–4.3 are regular: no due date', () => {
    for (const c of ['INTRODUCTION', 'NEWS', 'DIRECTION'] as const) {
      expect(dueDate(c, { kind: 'issued', date: '2025-03-03' })).toBeNull();
    }
  });
  it('"immediately" (Điều 7.10) is the next working day by default, or a given policy', () => {
    expect(dueDate('GAZETTE', { kind: 'issued', date: '2025-01-24' })).toBe('2025-02-03');
    expect(dueDate('ONLINE_SERVICES', { kind: 'issued', date: '2025-03-03' }, { immediatelyWithinWorkingDays: 0 })).toBe('2025-03-03');
  });
  it('"promptly" (R-4.15 English) has no due date unless a policy is given', () => {
    expect(dueDate('ENGLISH', { kind: 'changed', date: '2025-03-03' })).toBeNull();
    expect(dueDate('ENGLISH', { kind: 'changed', date: '2025-03-07' }, { promptlyWithinWorkingDays: 3 })).toBe('2025-03-12');
  });
  it('refuses a trigger that does not apply, and "coordinated" outside R-4.13', () => {
    const wrong = hubErrorOf(() => dueDate('STATISTICS', { kind: 'issued', date: '2025-03-03' }));
    expect(wrong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TRIGGER_NOT_APPLICABLE' });
    const coord = hubErrorOf(() => dueDate('LEGAL_DOCUMENTS', { kind: 'issued', date: '2025-03-03' }, { coordinated: true }));
    expect(coord.extensions.reason).toBe('COORDINATION_NOT_APPLICABLE');
  });
  it('a deadline that runs past the data raises CALENDAR_YEAR_MISSING', () => {
    const err = hubErrorOf(() => dueDate('PLANS', { kind: 'approved', date: '2026-12-21' }));
    expect(err.extensions).toMatchObject({ reason: 'CALENDAR_YEAR_MISSING', year: 2027 });
  });
  it('uses an injected calendar (2/1/2030 is a holiday there)', () => {
    const cal = loadCalendar({
      schemaVersion: 1,
      dataVersion: 't',
      years: [{ year: 2030, sources: [{ vi: 't' }], daysOff: [{ date: '2030-01-02', kind: 'holiday', name: { vi: 'x', en: 'x' } }] }],
    });
    expect(dueDate('QA', { kind: 'received', date: '2030-01-01' }, { calendar: cal })).toBe('2030-01-09');
  });
});

describe('deadlineStatus', () => {
  const due = '2025-05-06';
  it.each([
    ['ON_TIME', { due, deliveredOn: '2025-05-02', today: '2025-06-01' }],
    ['ON_TIME', { due, deliveredOn: due, today: '2025-06-01' }],
    ['LATE', { due, deliveredOn: '2025-05-07', today: '2025-06-01' }],
    ['PENDING', { due, deliveredOn: null, today: '2025-05-05' }],
    ['PENDING', { due, today: due }],
    ['OVERDUE', { due, today: '2025-05-07' }],
    ['ON_TIME', { due: null, deliveredOn: '2025-05-07', today: '2025-06-01' }],
    ['PENDING', { due: null, today: '2099-01-01' }],
  ] as const)('%s for %j', (expected, facts) => {
    expect(deadlineStatus(facts)).toBe(expected);
  });
  it('R-4.8: delivered on or before the latest date is on time, after it late', () => {
    const latest = dueDate('PROCEDURES', { kind: 'effective', date: '2025-05-05' })!;
    expect(deadlineStatus({ due: latest, deliveredOn: '2025-04-17', today: '2025-05-05' })).toBe('ON_TIME');
    expect(deadlineStatus({ due: latest, deliveredOn: '2025-04-18', today: '2025-05-05' })).toBe('LATE');
    expect(deadlineStatus({ due: latest, today: '2025-04-21' })).toBe('OVERDUE');
  });
  it('rejects malformed dates', () => {
    expect(hubErrorOf(() => deadlineStatus({ due: '2025-13-01', today: '2025-01-01' })).extensions.reason).toBe('INVALID_DATE');
  });
});

describe('rules as data', () => {
  it('has a rule for each of the 15 categories, with its requirement ID', () => {
    expect(CATEGORY_KEYS).toHaveLength(15);
    for (const c of CATEGORY_KEYS) expect(UPDATE_RULES[c]).toMatchObject({ category: c, requirement: CATEGORIES[c] });
    expect(UPDATE_RULES.PROCEDURES.rule).toEqual({ kind: 'beforeTrigger', workingDays: 10, triggers: ['effective'] });
  });
});

describe('R-5 responsibility matrix (Điều 5)', () => {
  it('the UBND office owes R-4.3, R-4.5a, R-4.6, R-4.7', () => {
    expect(categoriesOf('UBND_OFFICE').sort()).toEqual(['DIRECTION', 'GAZETTE', 'LEGAL_DOCUMENTS', 'PLANS']);
    expect(providersOf('PLANS')).toContainEqual(expect.objectContaining({ agency: 'UBND_OFFICE', points: ['a'], basis: 'explicit' }));
  });
  it.each([
    ['DEPT_JUSTICE', 'PROCEDURES', 'Sở Tư pháp'],
    ['DEPT_SCIENCE_TECHNOLOGY', 'SCIENCE_TASKS', 'Sở Khoa học và Công nghệ'],
    ['STATISTICS_OFFICE', 'STATISTICS', 'Cục Thống kê'],
    ['DEPT_PLANNING_INVESTMENT', 'INVESTMENT_PROJECTS', 'Sở Kế hoạch và Đầu tư'],
    ['DEPT_LABOUR_INVALIDS_SOCIAL_AFFAIRS', 'LAW_DISSEMINATION', 'Sở Lao động - Thương binh và Xã hội'],
  ] as const)('%s owes %s explicitly and is named "%s"', (key, category, vi) => {
    expect(providersOf(category)).toContainEqual(expect.objectContaining({ agency: key, basis: 'explicit' }));
    expect(responsibilities().agencies.find((a) => a.key === key)?.name.vi).toBe(vi);
  });
  it('R-4.5 is split by point: b construction, c–e natural resources & environment', () => {
    const plans = providersOf('PLANS').filter((p) => p.basis === 'explicit');
    expect(plans.map((p) => [p.agency, p.points])).toEqual([
      ['UBND_OFFICE', ['a']],
      ['DEPT_CONSTRUCTION', ['b']],
      ['DEPT_NATURAL_RESOURCES_ENVIRONMENT', ['c', 'd', 'e']],
    ]);
  });
  it('lists the categories Điều 5 assigns to nobody explicitly', () => {
    expect(categoriesWithoutExplicitProvider()).toEqual(['INTRODUCTION', 'NEWS', 'ONLINE_SERVICES', 'CONSULTATION', 'QA', 'ENGLISH']);
  });
  it('rejects a malformed matrix', () => {
    const raw = JSON.parse(readFileSync(new URL('../../schema/deadlines/responsibilities.json', import.meta.url), 'utf8'));
    expect(() => parseResponsibilities(raw)).not.toThrow();
    raw.agencies[0].obligations.push({ category: 'WEATHER', basis: 'explicit' });
    expect(() => parseResponsibilities(raw)).toThrow(/category/);
    raw.agencies[0].obligations.pop();
    raw.agencies.push({ ...raw.agencies[0] });
    expect(() => parseResponsibilities(raw)).toThrow(/UBND_OFFICE appears twice/);
  });
});
