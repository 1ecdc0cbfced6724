// A real gazette upstream on 127.0.0.1:0 (node:http): the newest-documents and newest-issues
// RSS feeds and each issue's XML export, from fixtures, with the kit's misbehaviour modes.
// Tests can add or change issues (`issues`) and replace any path's body (`setRaw`), e.g. an
// export that is well-formed but breaks the XSD.
import { startFakeUpstream, type FakeResponse, type FakeServer, type HostileKind, type ReceivedRequest } from '../../kit/fake-upstream.ts';
import { FIXTURE_ISSUES, type FixtureGazetteIssue } from '../fixtures/issues.ts';
import { GAZETTE_PATHS, renderDocumentsFeed, renderIssueExport, renderIssuesFeed } from './render.ts';

const RSS_TYPE = 'application/rss+xml; charset=utf-8';
const XML_TYPE = 'application/xml; charset=utf-8';

export interface GazetteFake extends FakeServer {
  documentsFeedUrl: string;
  issuesFeedUrl: string;
  exportUrl(year: number, number: number): string;
  /** The issues the fake publishes; mutate to publish, change or remove issues. */
  issues: FixtureGazetteIssue[];
  /**
   * Documents in the newest-documents feed whose issue has no export yet (an issue-shaped
   * group: its date is the announcement's). Mutate to announce documents.
   */
  announced: FixtureGazetteIssue[];
  /** Serve this body at this path instead of the rendered one. */
  setRaw(path: string, body: string, contentType?: string): void;
  /** Back to rendered bodies (one path, or all). */
  clearRaw(path?: string): void;
}

const HOSTILE: Record<HostileKind, string> = {
  xxe: '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title><link>x</link></channel></rss>',
  'entity-bomb':
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title><link>x</link></channel></rss>',
  proto:
    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>x</link><item><title>Số 1</title><link>x</link><__proto__><polluted>yes</polluted></__proto__></item></channel></rss>',
};

export async function startGazetteFake(options: { issues?: FixtureGazetteIssue[] } = {}): Promise<GazetteFake> {
  const issues = structuredClone(options.issues ?? [...FIXTURE_ISSUES]);
  const announced: FixtureGazetteIssue[] = [];
  const raw = new Map<string, { body: string; contentType: string }>();
  let origin = '';

  const route = (req: ReceivedRequest): FakeResponse => {
    const path = req.url.split('?')[0] ?? '';
    const override = raw.get(path);
    if (override) return { status: 200, headers: { 'content-type': override.contentType }, body: override.body };
    if (req.method !== 'GET') return { status: 405, headers: { 'content-type': 'text/plain' }, body: '' };
    if (path === GAZETTE_PATHS.documentsFeed)
      return { status: 200, headers: { 'content-type': RSS_TYPE }, body: renderDocumentsFeed(origin, issues, announced) };
    if (path === GAZETTE_PATHS.issuesFeed) return { status: 200, headers: { 'content-type': RSS_TYPE }, body: renderIssuesFeed(origin, issues) };
    const match = /^\/xuat-ban\/(\d{4})\/(\d+)\.xml$/.exec(path);
    const issue = match && issues.find((i) => i.year === Number(match[1]) && i.number === Number(match[2]));
    if (issue) return { status: 200, headers: { 'content-type': XML_TYPE }, body: renderIssueExport(issue) };
    return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>Không tìm thấy</body></html>' };
  };

  const fake = await startFakeUpstream({
    contentType: XML_TYPE,
    ok: route,
    fault: () => ({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found: /var/www/congbao/rss' }),
    malformed: () => ({
      status: 200,
      headers: { 'content-type': RSS_TYPE },
      body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Công báo</title><item><title>Số 47',
    }),
    hostile: (kind) => ({ status: 200, headers: { 'content-type': RSS_TYPE }, body: HOSTILE[kind] }),
  });
  origin = fake.origin;
  return Object.assign(fake, {
    documentsFeedUrl: origin + GAZETTE_PATHS.documentsFeed,
    issuesFeedUrl: origin + GAZETTE_PATHS.issuesFeed,
    exportUrl: (year: number, number: number) => origin + GAZETTE_PATHS.export(year, number),
    issues,
    announced,
    setRaw: (path: string, body: string, contentType = XML_TYPE) => void raw.set(path, { body, contentType }),
    clearRaw: (path?: string) => (path ? void raw.delete(path) : raw.clear()),
  });
}
