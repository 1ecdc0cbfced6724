// The fake upstreams' shared store: the fixture documents with relations in both directions,
// mutable so tests can change a document or withdraw one and watch incremental sync see it.
// Both fake servers (SOAP and JSON) read from one catalogue, so both shapes serve the same data.
import iconv from 'iconv-lite';
import { encodeLegacy } from '../../../schema/text/legacy.ts';
import { documentNumberKey, foldVietnamese } from '../../../schema/text/vietnamese.ts';
import { FIXTURE_DOCUMENTS, FIXTURE_EDGES, FIXTURE_EXTERNAL_RELATIONS } from '../fixtures/documents.ts';
import type { FixtureDocument } from '../fixtures/types.ts';

/** The upstream's relation codes and their inverses, as the national database lists them. */
export const WIRE_INVERSE: Readonly<Record<string, string>> = (() => {
  const pairs = [
    ['CanCu', 'LaCanCu'],
    ['HuongDan', 'DuocHuongDan'],
    ['SuaDoi', 'BiSuaDoi'],
    ['BoSung', 'DuocBoSung'],
    ['ThayThe', 'BiThayThe'],
    ['BaiBo', 'BiBaiBo'],
    ['HetHieuLuc', 'BiHetHieuLuc'],
    ['HetHieuLucMotPhan', 'BiHetHieuLucMotPhan'],
    ['DinhChinh', 'DuocDinhChinh'],
    ['HopNhat', 'DuocHopNhat'],
    ['NgungHieuLuc', 'BiNgungHieuLuc'],
    ['NgungHieuLucMotPhan', 'BiNgungHieuLucMotPhan'],
    ['DanChieu', 'DuocDanChieu'],
    ['LienQuan', 'LienQuan'],
  ];
  return Object.fromEntries(
    pairs.flatMap(([a, b]) => [
      [a, b],
      [b, a],
    ]),
  );
})();

export interface CatalogueQuery {
  modifiedSince?: Date;
  page: number;
  pageSize: number;
  number?: string;
  keyword?: string;
}

export interface Catalogue {
  get(id: string): FixtureDocument | undefined;
  /** Matching documents, most recently modified first, and the total before paging. */
  search(query: CatalogueQuery): { total: number; items: FixtureDocument[] };
  /** Change a document (its modifiedAt moves to `at`, default now). */
  modify(id: string, patch: Partial<Omit<FixtureDocument, 'id'>>, at?: Date): FixtureDocument;
  /** The source withdraws a document: it stays listed as withdrawn for incremental sync. */
  withdraw(id: string, at?: Date): FixtureDocument;
  all(): FixtureDocument[];
}

export function createCatalogue(documents: readonly FixtureDocument[] = FIXTURE_DOCUMENTS): Catalogue {
  const byId = new Map(documents.map((d) => [d.id, structuredClone(d)]));
  linkRelations(byId);

  const get = (id: string) => byId.get(id);
  const mustGet = (id: string) => {
    const found = byId.get(id);
    if (!found) throw new Error(`no fixture document ${id}`);
    return found;
  };

  return {
    get,
    all: () => [...byId.values()],
    search(query) {
      const since = query.modifiedSince?.getTime();
      const key = query.number ? documentNumberKey(query.number) : undefined;
      const keyword = query.keyword ? foldVietnamese(query.keyword) : undefined;
      const matches = [...byId.values()]
        .filter((d) => since === undefined || Date.parse(d.modifiedAt) >= since)
        .filter((d) => since !== undefined || !d.withdrawn)
        .filter((d) => !key || documentNumberKey(d.number) === key)
        .filter((d) => !keyword || foldVietnamese(`${d.number} ${d.title} ${d.summary}`).includes(keyword))
        .sort((a, b) => Date.parse(b.modifiedAt) - Date.parse(a.modifiedAt) || a.id.localeCompare(b.id));
      const start = (query.page - 1) * query.pageSize;
      return { total: matches.length, items: matches.slice(start, start + query.pageSize) };
    },
    modify(id, patch, at = new Date()) {
      const next = { ...mustGet(id), ...structuredClone(patch), modifiedAt: at.toISOString() };
      byId.set(id, next);
      return next;
    },
    withdraw(id, at = new Date()) {
      const next = { ...mustGet(id), withdrawn: true, modifiedAt: at.toISOString() };
      byId.set(id, next);
      return next;
    },
  };
}

function linkRelations(byId: Map<string, FixtureDocument>): void {
  for (const edge of FIXTURE_EDGES) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) continue;
    from.relations.push({ code: edge.code, targetId: to.id, targetNumber: to.number, targetTitle: to.title });
    to.relations.push({ code: WIRE_INVERSE[edge.code] ?? 'LienQuan', targetId: from.id, targetNumber: from.number, targetTitle: from.title });
  }
  for (const external of FIXTURE_EXTERNAL_RELATIONS) {
    byId.get(external.from)?.relations.push({ code: external.code, targetId: null, targetNumber: external.targetNumber, targetTitle: external.targetTitle });
  }
}

/** How an old system sends a text: legacy bytes that the transport read as Windows-1252. */
const asLegacy = (text: string, encoding: NonNullable<FixtureDocument['legacy']>['encoding']) => iconv.decode(encodeLegacy(text, encoding), 'windows1252');

/** The document as the upstream really sends it: its legacy-encoded fields garbled. */
export function asSent(document: FixtureDocument): FixtureDocument {
  const legacy = document.legacy;
  if (!legacy) return document;
  const garble = (text: string) => asLegacy(text, legacy.encoding);
  const sent = structuredClone(document);
  for (const field of legacy.fields) {
    if (field === 'title') sent.title = garble(sent.title);
    if (field === 'summary') sent.summary = garble(sent.summary);
    if (field === 'scope' && sent.scope) sent.scope = garble(sent.scope);
    if (field === 'fields') sent.fields = sent.fields.map(garble);
    if (field === 'issuers') {
      sent.issuers = sent.issuers.map((i) => ({
        agency: garble(i.agency),
        title: i.title && garble(i.title),
        signer: i.signer && garble(i.signer),
      }));
    }
  }
  return sent;
}
