// OAI-PMH agency sets for kinds whose agency is not stored as a code: a gazette issue
// is in the set of the agency that publishes it (its name, folded, matched to the portal's
// agency), a consultation in the set of its drafting agency (an Agency reference the gateway
// maps to the code through the portal's sets). Membership in headers, in a set-filtered list
// and in the agency's feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../harness/hub.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

/** Every header of a ListIdentifiers answer, across resumption tokens: identifier → sets. */
async function identifiers(args: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  let query = `verb=ListIdentifiers&${args}`;
  for (let i = 0; i < 50; i++) {
    const xml = await (await fetch(`${t.base}/oai?${query}`)).text();
    if (xml.includes('code="noRecordsMatch"')) return out;
    expect(xml).not.toMatch(/<error /);
    for (const h of xml.matchAll(/<header(?: status="deleted")?>(.*?)<\/header>/g)) {
      const id = /<identifier>([^<]+)<\/identifier>/.exec(h[1]!)![1]!;
      out.set(
        id,
        [...h[1]!.matchAll(/<setSpec>([^<]+)<\/setSpec>/g)].map((m) => m[1]!),
      );
    }
    const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(xml)?.[1];
    if (!token) return out;
    query = `verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`;
  }
  throw new Error('list did not end');
}

describe('agency sets', () => {
  it('gazette issues by publisher, consultations by drafting agency', async () => {
    const office = await t.hub.prisma.agency.findFirstOrThrow({ where: { code: '000.01.00.H43' } });
    const other = await t.hub.prisma.agency.findFirstOrThrow({ where: { code: '000.02.00.H43' } });
    const now = new Date();
    const issue = await t.hub.prisma.legalGazetteIssue.create({
      data: {
        system: 'test',
        sourceId: 'cong-bao-thu-1',
        number: 901,
        year: now.getUTCFullYear(),
        date: now,
        publisher: office.nameVi,
        fetchedAt: now,
        contentHash: '0'.repeat(64),
      },
    });
    const elsewhere = await t.hub.prisma.legalGazetteIssue.create({
      data: {
        system: 'test',
        sourceId: 'cong-bao-thu-2',
        number: 902,
        year: now.getUTCFullYear(),
        date: now,
        publisher: 'Một nơi không có trong cổng',
        fetchedAt: now,
        contentHash: '0'.repeat(64),
      },
    });
    await t.hub.prisma.consultation.create({
      data: {
        slug: 'du-thao-tap-hop',
        kind: 'LEGAL_DOCUMENT',
        title: 'Dự thảo thử tập hợp',
        summary: 'Lấy ý kiến.',
        body: 'Toàn văn.',
        draftingAgencyId: office.id,
        receivingName: office.nameVi,
        receivingAddress: 'Việt Trì',
        receivingEmail: 'vp@example.org',
        opensOn: now,
        closesOn: now,
        opensAt: now,
        closesAt: new Date(now.getTime() + 86_400_000),
        publishedAt: now,
      },
    });
    const issueUrl = `${t.base}/legal/print/gazette-issue/${issue.id}`;
    const elsewhereUrl = `${t.base}/legal/print/gazette-issue/${elsewhere.id}`;
    const draftUrl = `${t.base}/citizens/print/consultation/du-thao-tap-hop`;

    const issues = await identifiers('metadataPrefix=oai_dc&set=kind:gazette-issues');
    expect(issues.get(issueUrl)).toEqual(['kind:gazette-issues', 'agency:000.01.00.H43']);
    expect(issues.get(elsewhereUrl)).toEqual(['kind:gazette-issues']);
    const drafts = await identifiers('metadataPrefix=oai_dc&set=kind:consultations');
    expect(drafts.get(draftUrl)).toEqual(['kind:consultations', 'agency:000.01.00.H43']);

    const mine = await identifiers('metadataPrefix=oai_dc&set=agency:000.01.00.H43');
    expect(mine.has(issueUrl)).toBe(true);
    expect(mine.has(draftUrl)).toBe(true);
    expect(mine.has(elsewhereUrl)).toBe(false);
    const theirs = await identifiers(`metadataPrefix=oai_dc&set=agency:${other.code}`);
    expect(theirs.has(issueUrl)).toBe(false);
    expect(theirs.has(draftUrl)).toBe(false);

    const feed = await (await fetch(`${t.base}/feeds/agency/000.01.00.H43.atom`)).text();
    expect(feed).toContain(draftUrl);
    expect(feed).toContain(issueUrl);
  });
});
