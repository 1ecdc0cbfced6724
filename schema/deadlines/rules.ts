// Điều 7 (update deadlines) and Điều 5 (who provides what) of the portal regulation
// (Quyết định 26/2017/QĐ-UBND, REGULATION.md) as data.
// Deadlines are counted in working days (schema/calendar/working-days.ts).
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The content categories of Điều 4, by requirement ID (R-4.x = Điều 4 khoản x). */
export const CATEGORIES = {
  INTRODUCTION: 'R-4.1',
  NEWS: 'R-4.2',
  DIRECTION: 'R-4.3',
  LAW_DISSEMINATION: 'R-4.4',
  PLANS: 'R-4.5',
  LEGAL_DOCUMENTS: 'R-4.6',
  GAZETTE: 'R-4.7',
  PROCEDURES: 'R-4.8',
  ONLINE_SERVICES: 'R-4.9',
  INVESTMENT_PROJECTS: 'R-4.10',
  SCIENCE_TASKS: 'R-4.11',
  CONSULTATION: 'R-4.12',
  QA: 'R-4.13',
  STATISTICS: 'R-4.14',
  ENGLISH: 'R-4.15',
} as const;

export type ContentCategory = keyof typeof CATEGORIES;
export const CATEGORY_KEYS = Object.keys(CATEGORIES) as [ContentCategory, ...ContentCategory[]];

/** The events a deadline counts from (or, for `beforeTrigger`, counts back to). */
export const TRIGGER_KINDS = ['issued', 'approved', 'accepted', 'announced', 'received', 'effective', 'changed'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export type UpdateRule =
  /** "Bảo đảm cập nhật thường xuyên": no fixed deadline. */
  | { kind: 'regular' }
  /** Within n working days after the trigger; `coordinatedWorkingDays` when several sectors must coordinate. */
  | { kind: 'afterTrigger'; workingDays: number; triggers: readonly TriggerKind[]; coordinatedWorkingDays?: number }
  /** At least n working days before the trigger (R-4.8: before the procedure's rule takes effect). */
  | { kind: 'beforeTrigger'; workingDays: number; triggers: readonly TriggerKind[] }
  /** "Ngay sau khi văn bản được ban hành" (Điều 7.10): no number of days in the text. */
  | { kind: 'immediately'; triggers: readonly TriggerKind[] }
  /** "Kịp thời khi có phát sinh hoặc thay đổi" (Điều 7.9): no number of days in the text. */
  | { kind: 'promptly'; triggers: readonly TriggerKind[] };

export interface CategoryRule {
  category: ContentCategory;
  requirement: string;
  /** Where the deadline is written, in the regulation's own numbering. */
  clause: string;
  rule: UpdateRule;
}

const rule = (category: ContentCategory, clause: string, r: UpdateRule): CategoryRule => ({
  category,
  requirement: CATEGORIES[category],
  clause,
  rule: r,
});

// Điều 7 khoản 10 ("các thông tin khác … ngay sau khi văn bản được … ban hành") covers the
// categories no other clause names.
export const UPDATE_RULES: Readonly<Record<ContentCategory, CategoryRule>> = {
  INTRODUCTION: rule('INTRODUCTION', 'Điều 7 khoản 1', { kind: 'regular' }),
  NEWS: rule('NEWS', 'Điều 7 khoản 1', { kind: 'regular' }),
  DIRECTION: rule('DIRECTION', 'Điều 7 khoản 1', { kind: 'regular' }),
  LAW_DISSEMINATION: rule('LAW_DISSEMINATION', 'Điều 7 khoản 2', { kind: 'afterTrigger', workingDays: 5, triggers: ['issued'] }),
  PLANS: rule('PLANS', 'Điều 7 khoản 3', { kind: 'afterTrigger', workingDays: 10, triggers: ['approved'] }),
  LEGAL_DOCUMENTS: rule('LEGAL_DOCUMENTS', 'Điều 7 khoản 4', { kind: 'afterTrigger', workingDays: 7, triggers: ['issued'] }),
  GAZETTE: rule('GAZETTE', 'Điều 7 khoản 10', { kind: 'immediately', triggers: ['issued'] }),
  PROCEDURES: rule('PROCEDURES', 'Điều 7 khoản 5', { kind: 'beforeTrigger', workingDays: 10, triggers: ['effective'] }),
  ONLINE_SERVICES: rule('ONLINE_SERVICES', 'Điều 7 khoản 10', { kind: 'immediately', triggers: ['issued'] }),
  INVESTMENT_PROJECTS: rule('INVESTMENT_PROJECTS', 'Điều 7 khoản 3', { kind: 'afterTrigger', workingDays: 10, triggers: ['approved'] }),
  // "kể từ khi … được phê duyệt hoặc sau khi … được nghiệm thu": the catalogue from approval, results from acceptance.
  SCIENCE_TASKS: rule('SCIENCE_TASKS', 'Điều 7 khoản 6', { kind: 'afterTrigger', workingDays: 10, triggers: ['approved', 'accepted'] }),
  CONSULTATION: rule('CONSULTATION', 'Điều 7 khoản 10', { kind: 'immediately', triggers: ['issued'] }),
  // Counted from when the agency receives the question routed by the editorial board (Điều 4 khoản 13 điểm b).
  QA: rule('QA', 'Điều 7 khoản 7', { kind: 'afterTrigger', workingDays: 5, coordinatedWorkingDays: 10, triggers: ['received'] }),
  STATISTICS: rule('STATISTICS', 'Điều 7 khoản 8', { kind: 'afterTrigger', workingDays: 5, triggers: ['announced'] }),
  ENGLISH: rule('ENGLISH', 'Điều 7 khoản 9', { kind: 'promptly', triggers: ['changed'] }),
};

// ---------------------------------------------------------------------------------------------
// the responsibility matrix (responsibilities.json).
// The agencies are those named in Điều 5 in 2017. In 2025 ministries and departments were renamed
// and merged (DOMAIN.md §0: e.g. information & communications now sits under science &
// technology) and Vĩnh Phúc became part of Phú Thọ. The matrix is data keyed by agency key:
// update the JSON (names, validity, successors) rather than code when the organisation changes.

const agencyObligation = z.object({
  category: z.enum(CATEGORY_KEYS),
  /** Points (điểm) of the Điều 4 clause, when only some are owed, e.g. ["a"] for R-4.5a. */
  points: z.array(z.string().regex(/^[a-z]$/)).optional(),
  /** explicit: Điều 5 cites the Điều 4 clause; inferred: the content matches but no clause is cited. */
  basis: z.enum(['explicit', 'inferred']),
  scope: z.string().optional(),
});

const agency = z.object({
  key: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  clause: z.string().min(1),
  name: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
  coordinatesWith: z.array(z.string()).optional(),
  obligations: z.array(agencyObligation),
  /** Other duties of the clause that are not an Điều 4 category, in the regulation's words. */
  otherDuties: z.array(z.string().min(1)).default([]),
});

export const responsibilitiesSchema = z
  .object({ schemaVersion: z.literal(1), source: z.string().min(1), agencies: z.array(agency).min(1) })
  .superRefine((file, ctx) => {
    const keys = new Set<string>();
    for (const a of file.agencies) {
      if (keys.has(a.key)) ctx.addIssue({ code: 'custom', message: `agency ${a.key} appears twice` });
      keys.add(a.key);
    }
    for (const a of file.agencies) {
      for (const other of a.coordinatesWith ?? []) {
        if (!keys.has(other)) ctx.addIssue({ code: 'custom', message: `${a.key} coordinates with unknown agency ${other}` });
      }
    }
  });

export type Responsibilities = z.output<typeof responsibilitiesSchema>;
export type Agency = Responsibilities['agencies'][number];

/** Validates a responsibility matrix (parsed JSON); throws an Error listing every problem. */
export function parseResponsibilities(raw: unknown): Responsibilities {
  const parsed = responsibilitiesSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Responsibility matrix is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

let matrix: Responsibilities | undefined;
export function responsibilities(): Responsibilities {
  matrix ??= parseResponsibilities(JSON.parse(readFileSync(new URL('./responsibilities.json', import.meta.url), 'utf8')));
  return matrix;
}

/** The agencies that owe a category, with the points and basis of each obligation. */
export function providersOf(category: ContentCategory, data = responsibilities()) {
  return data.agencies.flatMap((a) => a.obligations.filter((o) => o.category === category).map((o) => ({ agency: a.key, ...o })));
}

/** The categories an agency owes. */
export function categoriesOf(agencyKey: string, data = responsibilities()): ContentCategory[] {
  const a = data.agencies.find((x) => x.key === agencyKey);
  return a ? [...new Set(a.obligations.map((o) => o.category))] : [];
}

/** Categories Điều 5 assigns to no agency explicitly: reports must attribute them per item. */
export function categoriesWithoutExplicitProvider(data = responsibilities()): ContentCategory[] {
  return CATEGORY_KEYS.filter((c) => !providersOf(c, data).some((p) => p.basis === 'explicit'));
}
