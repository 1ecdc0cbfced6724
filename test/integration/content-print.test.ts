// Print and save (R-4.17a): escaped HTML without scripts, a PDF that says the Vietnamese title,
// and each statistics dataset as CSV.
import { describe, expect, it } from 'vitest';
import { usePortal } from '../harness/portal.ts';
import { articleInput, itemIn, ok, ANON } from '../harness/content.ts';
import { embeddedFonts, pdfTexts } from '../harness/pdf-text.ts';

const portal = usePortal();

describe('print-friendly HTML', () => {
  it('escapes a title carrying <script>, drops scripts from the body and forbids scripts by CSP', async () => {
    const item = await itemIn(portal.url, 'PUBLISHED', {
      input: articleInput({
        title: { vi: 'Tin <script>alert("x")</script> & “trích dẫn”' },
        body: { vi: '<p>Đoạn một<img src="x" onerror="alert(1)"></p><script>alert(2)</script>' },
      }),
    });
    const { printUrl } = await ok<{ printUrl: string }>(portal.url, ANON, `query($id: ID!) { contentItem(id: $id) { printUrl } }`, { id: item.id });
    expect(printUrl).toBe(`${portal.base}/print/article/${item.slug}`);
    const res = await fetch(printUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).not.toContain('script-src');
    const html = await res.text();
    expect(html).toContain('<h1>Tin &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; “trích dẫn”</h1>');
    // The one script element is the JSON-LD data block (never run; no "<" inside it can close it).
    const dataBlock = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html);
    expect(JSON.parse(dataBlock![1]!)).toMatchObject({ '@type': 'NewsArticle', name: 'Tin <script>alert("x")</script> & “trích dẫn”' });
    expect(html.replace(dataBlock![0], '')).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror/i);
    expect(html).toContain('<meta name="DC.title"');
  });

  it('prints the English version on request, with the Vietnamese fallback', async () => {
    const item = await itemIn(portal.url, 'PUBLISHED', {
      input: articleInput({
        title: { vi: 'Tiêu đề tiếng Việt', en: 'English title' },
        summary: { vi: 'Tóm tắt', en: 'Summary' },
        body: { vi: 'Thân', en: 'Body' },
      }),
    });
    const en = await fetch(`${portal.base}/print/article/${item.slug}?lang=en`);
    expect(en.headers.get('content-language')).toBe('en');
    expect(await en.text()).toContain('<h1>English title</h1>');
  });

  it('prints every kind, with its own facts', async () => {
    const res = await fetch(`${portal.base}/print/investment-project/duong-vanh-dai-phia-tay`);
    const html = await res.text();
    expect(html).toContain('Tổng mức đầu tư');
    expect(html).toContain('1.234.567.890.123,45 đồng');
    const reception = await (await fetch(`${portal.base}/print/reception-schedule/lich-tiep-cong-dan-thang-5-2026`)).text();
    expect(reception).toContain('<th>Kết quả</th>');
    expect(reception).toContain('<td>2026-05-15 08:00</td>');
    expect(reception).toContain('Tiếp 12 lượt công dân');
  });
});

describe('saved copy as PDF', () => {
  it('renders the Vietnamese title with an embedded font covering Vietnamese', async () => {
    const item = await itemIn(portal.url, 'PUBLISHED', {
      input: articleInput({ title: { vi: 'Ủy ban nhân dân tỉnh Phú Thọ họp phiên thường kỳ' }, body: { vi: '<p>Kỳ họp thứ mười bốn.</p>' } }),
    });
    const { pdfUrl } = await ok<{ pdfUrl: string }>(portal.url, ANON, `query($id: ID!) { contentItem(id: $id) { pdfUrl } }`, { id: item.id });
    expect(pdfUrl).toBe(`${portal.base}/save/article/${item.slug}.pdf`);
    const res = await fetch(pdfUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${item.slug}.pdf"`);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(embeddedFonts(pdf).some((f) => f.endsWith('+DejaVuSans-Bold'))).toBe(true);
    const texts = pdfTexts(pdf).join('\n');
    expect(texts).toContain('Ủy ban nhân dân tỉnh Phú Thọ');
    expect(texts).toContain('Kỳ họp thứ mười bốn.');
  });
});

describe('statistics as CSV', () => {
  it('serves every value of a published dataset, UTF-8 with a BOM, decimals exact', async () => {
    const { csvUrl } = await ok<{ csvUrl: string }>(
      portal.url,
      ANON,
      `{ contentItem(kind: STATISTICS_DATASET, slug: "tang-truong-grdp-6-thang-2026") { ... on StatisticsDataset { csvUrl } } }`,
    );
    const res = await fetch(csvUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('indicator_vi,indicator_en,area,unit_code,period,value,unit');
    expect(lines[1]).toBe('Tổng sản phẩm trên địa bàn (GRDP),Gross regional domestic product,Toàn tỉnh,25,6T/2026,7.85,%');
    expect(lines).toHaveLength(5);
    expect((await fetch(`${portal.base}/data/statistics/khong-co.csv`)).status).toBe(404);
  });
});
