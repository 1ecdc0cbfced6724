// E-mail templates, Vietnamese by default and English when the asker chose it (R-2.3). Every
// value is HTML-escaped in the HTML part (A24): a question's title is the asker's text.
import escapeHtml from 'escape-html';

export type TemplateName =
  'REQUEST_RECEIVED' | 'REQUEST_ROUTED' | 'REQUEST_ANSWERED' | 'REQUEST_REJECTED' | 'AGENCY_ROUTED' | 'BOARD_NEW_REQUEST' | 'DEADLINE_NEAR' | 'DEADLINE_PASSED';

type Payload = Record<string, unknown>;
type Render = (p: Payload) => { subject: string; lines: string[] };

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const VI: Record<TemplateName, Render> = {
  REQUEST_RECEIVED: (p) => ({
    subject: `Đã tiếp nhận ${s(p.kindVi)} ${s(p.trackingCode)}`,
    lines: [
      `Cổng Thông tin điện tử tỉnh đã tiếp nhận ${s(p.kindVi)} “${s(p.title)}”.`,
      `Mã theo dõi: ${s(p.trackingCode)}.`,
      `Hạn trả lời dự kiến: ${s(p.dueOn)}.`,
    ],
  }),
  REQUEST_ROUTED: (p) => ({
    subject: `${s(p.trackingCode)} đã được chuyển cơ quan có thẩm quyền`,
    lines: [`${s(p.kindVi)} “${s(p.title)}” đã được chuyển đến cơ quan có thẩm quyền để trả lời.`, `Hạn trả lời: ${s(p.dueOn)}.`],
  }),
  REQUEST_ANSWERED: (p) => ({
    subject: `${s(p.trackingCode)} đã có trả lời`,
    lines: [`${s(p.kindVi)} “${s(p.title)}” đã được trả lời.`, 'Tra cứu nội dung trả lời bằng mã theo dõi và mã bí mật của bạn.'],
  }),
  REQUEST_REJECTED: (p) => ({
    subject: `${s(p.trackingCode)} không được tiếp nhận`,
    lines: [`${s(p.kindVi)} “${s(p.title)}” không được tiếp nhận.`, `Lý do: ${s(p.reason)}`],
  }),
  AGENCY_ROUTED: (p) => ({
    subject: `[Hỏi đáp] Chuyển xử lý ${s(p.trackingCode)}`,
    lines: [`Ban biên tập chuyển ${s(p.kindVi)} “${s(p.title)}” để cơ quan trả lời.`, `Hạn trả lời: ${s(p.dueOn)}.`],
  }),
  BOARD_NEW_REQUEST: (p) => ({
    subject: `[Hỏi đáp] Tiếp nhận mới ${s(p.trackingCode)}`,
    lines: [
      `Có ${s(p.kindVi)} mới: “${s(p.title)}” (nguồn: ${s(p.source)}).`,
      `Hạn trả lời: ${s(p.dueOn)}.`,
      'Đề nghị Ban biên tập phân loại và chuyển cơ quan có thẩm quyền.',
    ],
  }),
  DEADLINE_NEAR: (p) => ({
    subject: `[Hỏi đáp] Sắp đến hạn ${s(p.trackingCode)}`,
    lines: [`${s(p.kindVi)} “${s(p.title)}” đến hạn trả lời ngày ${s(p.dueOn)}.`],
  }),
  DEADLINE_PASSED: (p) => ({
    subject: `[Hỏi đáp] Quá hạn ${s(p.trackingCode)}`,
    lines: [`${s(p.kindVi)} “${s(p.title)}” đã quá hạn trả lời (hạn ${s(p.dueOn)}).`],
  }),
};

const EN: Partial<Record<TemplateName, Render>> = {
  REQUEST_RECEIVED: (p) => ({
    subject: `We received your ${s(p.kindEn)} ${s(p.trackingCode)}`,
    lines: [
      `The provincial portal received your ${s(p.kindEn)} “${s(p.title)}”.`,
      `Tracking code: ${s(p.trackingCode)}.`,
      `Expected answer by: ${s(p.dueOn)}.`,
    ],
  }),
  REQUEST_ROUTED: (p) => ({
    subject: `${s(p.trackingCode)} was sent to the competent agency`,
    lines: [`Your ${s(p.kindEn)} “${s(p.title)}” was sent to the competent agency.`, `Answer due by: ${s(p.dueOn)}.`],
  }),
  REQUEST_ANSWERED: (p) => ({
    subject: `${s(p.trackingCode)} has been answered`,
    lines: [`Your ${s(p.kindEn)} “${s(p.title)}” has been answered.`, 'Read the answer with your tracking code and secret.'],
  }),
  REQUEST_REJECTED: (p) => ({
    subject: `${s(p.trackingCode)} was not accepted`,
    lines: [`Your ${s(p.kindEn)} “${s(p.title)}” was not accepted.`, `Reason: ${s(p.reason)}`],
  }),
};

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function renderTemplate(name: TemplateName, locale: string, payload: Payload): RenderedMail {
  const render = (locale === 'en' ? EN[name] : undefined) ?? VI[name];
  const { subject, lines } = render(payload);
  return {
    subject,
    text: lines.join('\n'),
    html: `<!doctype html><html lang="${locale === 'en' && EN[name] ? 'en' : 'vi'}"><body>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</body></html>`,
  };
}
