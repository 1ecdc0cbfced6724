// What a gazette publishes, rendered from fixtures: the two RSS 2.0 feeds and an issue's XML
// export (gazette-issue.xsd). Every text goes through escapeXml (B16).
import { escapeXml } from '../../kit/xml.ts';
import { GAZETTE_PUBLISHER, type FixtureGazetteIssue } from '../fixtures/issues.ts';

export const GAZETTE_PATHS = {
  documentsFeed: '/rss/van-ban-moi.xml',
  issuesFeed: '/rss/so-cong-bao.xml',
  export: (year: number, number: number) => `/xuat-ban/${year}/${number}.xml`,
  document: (id: string) => `/van-ban/${encodeURIComponent(id)}`,
} as const;

const e = escapeXml;
/** RFC 822 date of a publication day, at 08:00 Vietnam time. */
const pubDate = (day: string) => new Date(`${day}T08:00:00+07:00`).toUTCString();
const issueLabel = (issue: FixtureGazetteIssue) => `Số ${issue.number}${issue.numberTo ? ` + ${issue.numberTo}` : ''}`;

export function renderIssueExport(issue: FixtureGazetteIssue): string {
  const documents = issue.documents
    .map(
      (d) =>
        `    <VanBan>\n      <SoKyHieu>${e(d.number)}</SoKyHieu>\n      <LoaiVanBan>${e(d.type)}</LoaiVanBan>\n` +
        `      <CoQuanBanHanh>${e(d.issuer)}</CoQuanBanHanh>\n      <NgayBanHanh>${d.issueDate}</NgayBanHanh>\n` +
        `      <TrichYeu>${e(d.summary)}</TrichYeu>\n      <Trang>${d.page}</Trang>\n` +
        (d.pageTo ? `      <DenTrang>${d.pageTo}</DenTrang>\n` : '') +
        (d.sourceId ? `      <MaVanBan>${e(d.sourceId)}</MaVanBan>\n` : '') +
        '    </VanBan>\n',
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<CongBao xmlns="urn:cong-hub:gazette-issue:v1" phienBan="1.0">\n' +
    `  <CoQuanPhatHanh>${e(GAZETTE_PUBLISHER)}</CoQuanPhatHanh>\n  <So>${issue.number}</So>\n` +
    (issue.numberTo ? `  <DenSo>${issue.numberTo}</DenSo>\n` : '') +
    `  <Nam>${issue.year}</Nam>\n  <NgayPhatHanh>${issue.date}</NgayPhatHanh>\n` +
    `  <DanhSachVanBan>\n${documents}  </DanhSachVanBan>\n</CongBao>\n`
  );
}

function rss(title: string, link: string, items: string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n' +
    `  <title>${e(title)}</title>\n  <link>${e(link)}</link>\n  <description>${e(title)}</description>\n  <language>vi</language>\n` +
    items.join('') +
    '</channel>\n</rss>\n'
  );
}

/** Newest issues first; the item title is the issue number. */
export function renderIssuesFeed(origin: string, issues: readonly FixtureGazetteIssue[]): string {
  const items = [...issues]
    .sort((a, b) => b.date.localeCompare(a.date) || b.number - a.number)
    .map(
      (issue) =>
        `  <item>\n    <title>${e(issueLabel(issue))}</title>\n    <link>${e(origin + GAZETTE_PATHS.export(issue.year, issue.number))}</link>\n` +
        `    <description>${e(`${GAZETTE_PUBLISHER} ${issueLabel(issue).toLowerCase()}, năm ${issue.year}`)}</description>\n` +
        `    <pubDate>${pubDate(issue.date)}</pubDate>\n    <guid isPermaLink="false">cb-${issue.year}-${issue.number}</guid>\n  </item>\n`,
    );
  return rss(`${GAZETTE_PUBLISHER} - Số mới`, origin, items);
}

/**
 * Newest documents first, each once even when it spans several issues. `announced` are
 * documents the gazette lists before the export of their issue is out (dated `date`): first.
 */
export function renderDocumentsFeed(origin: string, issues: readonly FixtureGazetteIssue[], announced: readonly FixtureGazetteIssue[] = []): string {
  const seen = new Set<string>();
  const items: string[] = [];
  const byDate = (list: readonly FixtureGazetteIssue[]) => [...list].sort((a, b) => b.date.localeCompare(a.date) || a.number - b.number);
  for (const issue of [...byDate(announced), ...byDate(issues)]) {
    for (const d of issue.documents) {
      if (seen.has(d.number)) continue;
      seen.add(d.number);
      const id = d.sourceId ?? d.number;
      // Descriptions carry escaped HTML, as real portals' feeds do.
      items.push(
        `  <item>\n    <title>${e(`${d.type} ${d.number} ${d.summary.charAt(0).toLowerCase()}${d.summary.slice(1)}`)}</title>\n` +
          `    <link>${e(origin + GAZETTE_PATHS.document(id))}</link>\n    <description>${e(`<p>${d.summary}</p>`)}</description>\n` +
          `    <category>${e(d.type)}</category>\n    <pubDate>${pubDate(issue.date)}</pubDate>\n    <guid isPermaLink="false">vb-${e(id)}</guid>\n  </item>\n`,
      );
    }
  }
  return rss(`${GAZETTE_PUBLISHER} - Văn bản mới`, origin, items);
}
