// The kind-specific facts printed under an item's text, as label/value rows (Vietnamese and
// English labels), shared by the HTML and PDF renderings.
import type { Db } from '../../../schema/db/prisma.ts';
import { ContentKind } from '../content/kinds.ts';
import type { ContentItem } from '../content/types.ts';

type Row = [vi: string, en: string, value: string | number | null | undefined];

const vnd = (v: string | null | undefined) => (v ? `${v.replace(/\B(?=(\d{3})+(?!\d))/g, '.').replace(/\.(\d{2})$/, ',$1')} đồng` : null);
const join = (v: string[] | undefined) => (v && v.length ? v.join(', ') : null);

type Any = ContentItem & Record<string, never>;

const ROWS: Partial<Record<ContentKind, (i: Any) => Row[]>> = {
  INTRODUCTION: (i) => [
    ['Địa chỉ', 'Address', i.address],
    ['Xếp hạng', 'Recognition', i.recognition],
    ['Đơn vị hành chính', 'Administrative units', join(i.unitCodes)],
  ],
  DIRECTIVE: (i) => [
    ['Số ký hiệu', 'Number', i.documentNumber],
    ['Ngày ban hành', 'Issued on', i.issuedOn],
    ['Người ký', 'Signed by', [i.signerTitle, i.signerName].filter(Boolean).join(' ') || null],
  ],
  PETITION_RESPONSE: (i) => [
    ['Kiến nghị của', 'Petitioner', i.petitioner],
    ['Nội dung kiến nghị', 'Petition', (i.petitionSummary as unknown as { vi: string })?.vi],
    ['Ngày trả lời', 'Responded on', i.respondedOn],
  ],
  COMMENDATION: (i) => [
    ['Đối tượng', 'Organisation', i.subjectName],
    ['Hình thức', 'Form', i.form],
    ['Số quyết định', 'Decision', i.decisionNumber],
    ['Số tiền', 'Amount', vnd(i.amountVnd)],
  ],
  WORK_SCHEDULE: (i) => [
    ['Thời gian', 'Period', `${i.periodStart} – ${i.periodEnd}`],
    ['Lãnh đạo', 'Leader', i.leaderName],
  ],
  RECEPTION_SCHEDULE: (i) => [
    ['Thời gian', 'Period', `${i.periodStart} – ${i.periodEnd}`],
    ['Địa điểm', 'Place', i.location],
  ],
  LAW_EXPLAINER: (i) => [
    ['Lĩnh vực', 'Sector', i.sector],
    ['Văn bản', 'Legal basis', join(i.legalBasis)],
  ],
  PLAN: (i) => [
    ['Loại (R-4.5)', 'Kind (R-4.5)', `${i.planPoint}) ${i.planKind}`],
    ['Số quyết định phê duyệt', 'Approval', i.approvalNumber],
    ['Giai đoạn', 'Period', i.periodFrom ? `${i.periodFrom}–${i.periodTo ?? ''}` : null],
    ['Phạm vi', 'Scope', join(i.unitCodes)],
  ],
  INVESTMENT_PROJECT: (i) => [
    ['Mục tiêu', 'Objectives', (i.objectives as unknown as { vi: string })?.vi],
    ['Lĩnh vực', 'Field', i.field],
    ['Loại dự án', 'Project type', i.projectType],
    ['Thời gian thực hiện', 'Period', i.startYear ? `${i.startYear}–${i.endYear ?? ''}` : null],
    ['Tổng mức đầu tư', 'Budget', vnd(i.budgetVnd)],
    ['Nguồn vốn', 'Funding', i.fundingType],
    ['Nhà tài trợ', 'Donor', i.donor],
    ['Tình trạng', 'Status', i.status],
  ],
  TENDER: (i) => [
    ['Gói thầu', 'Package', i.packageName],
    ['Bên mời thầu', 'Procuring entity', i.procuringEntity],
    ['Giá gói thầu', 'Estimated value', vnd(i.estimatedValueVnd)],
  ],
  SCIENCE_TASK: (i) => [
    ['Mã số', 'Code', i.code],
    ['Cấp quản lý', 'Management level', i.managementLevel],
    ['Lĩnh vực', 'Field', i.field],
    ['Tổ chức chủ trì', 'Lead unit', i.leadUnit],
    ['Thời gian', 'Period', i.startOn ? `${i.startOn} – ${i.endOn ?? ''}` : null],
    ['Nghiệm thu', 'Accepted on', i.acceptedOn],
  ],
  STATISTICS_DATASET: (i) => [
    ['Thời gian điều tra', 'Survey time', i.surveyPeriod],
    ['Phương pháp', 'Methodology', (i.methodology as unknown as { vi: string })?.vi],
  ],
};

export function detailRows(item: ContentItem, en: boolean): [string, string][] {
  const rows = ROWS[item.kind]?.(item as Any) ?? [];
  return rows.filter((r) => r[2] !== null && r[2] !== undefined && r[2] !== '').map((r) => [en ? r[1] : r[0], String(r[2])]);
}

export interface PrintTable {
  headers: string[];
  rows: string[][];
}

const time = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The kind's list data (schedule slots, statistics values) as one table, when it has any. */
export function detailTable(item: ContentItem, en: boolean, children: { entries?: Db.ScheduleEntry[]; values?: Db.StatisticValue[] }): PrintTable | null {
  const pick = (vi: string | null, e: string | null) => (en && e ? e : (vi ?? ''));
  if (children.entries?.length) {
    const reception = item.kind === ContentKind.RECEPTION_SCHEDULE;
    return {
      headers: en
        ? ['Time', 'Activity', 'Place', reception ? 'Result' : 'Presided by']
        : ['Thời gian', 'Nội dung', 'Địa điểm', reception ? 'Kết quả' : 'Chủ trì'],
      rows: children.entries.map((e) => [
        time(e.startsAt),
        pick(e.activityVi, e.activityEn),
        e.location ?? '',
        reception ? pick(e.resultVi, e.resultEn) : (e.host ?? ''),
      ]),
    };
  }
  if (children.values?.length) {
    return {
      headers: en ? ['Indicator', 'Area', 'Period', 'Value', 'Unit'] : ['Chỉ tiêu', 'Địa bàn', 'Kỳ', 'Giá trị', 'Đơn vị'],
      rows: children.values.slice(0, 500).map((v) => [pick(v.indicatorVi, v.indicatorEn), v.area ?? '', v.period, v.value.toFixed(), v.unit]),
    };
  }
  return null;
}
