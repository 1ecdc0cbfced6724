// A real JSON API upstream on 127.0.0.1:0 (node:http): `POST /api/doc/all`, `GET /api/doc/{id}`,
// rendering the shared fixture catalogue in the JSON wire shape, with the kit's misbehaviour
// modes. Typed with the client's own wire types so the fake cannot drift from the client.
import { startFakeUpstream, type FakeResponse, type FakeServer, type ReceivedRequest } from '../../kit/fake-upstream.ts';
import type { FixtureDocument } from '../fixtures/types.ts';
import type { z } from 'zod';
import type { jsonDetail, jsonItem, JsonSearchRequest } from '../wire-json.ts';
import { asSent, createCatalogue, type Catalogue } from './catalogue.ts';

export const JSON_BASE_PATH = '/api';
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

export interface JsonLegalDbFake extends FakeServer {
  /** The API base to configure: `${origin}/api`. */
  endpoint: string;
  catalogue: Catalogue;
}

/** "2017-08-17" or an ISO instant → the API's zone-less Vietnam local "2017-08-17T00:00:00". */
function local(value: string | null): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00`;
  return new Date(Date.parse(value) + 7 * 3600 * 1000).toISOString().slice(0, 19);
}

export function toJsonItem(doc: FixtureDocument): z.input<typeof jsonItem> {
  return {
    id: doc.id,
    docNum: doc.number,
    title: doc.title,
    docAbs: doc.summary,
    issueDate: local(doc.issueDate),
    effFrom: local(doc.effectiveDate),
    effTo: local(doc.expiryDate),
    publicDate: local(doc.gazetteDate),
    docType: doc.listingType,
    effStatus: doc.status,
    agencyName: doc.issuers[0]?.agency ?? null,
    documentIssues: doc.issuers.map((i) => ({ agencyName: i.agency, position: i.title, personName: i.signer })),
    documentFields: doc.fields.map((name) => ({ code: null, name })),
    references: doc.relations.map((r) => ({ referenceType: r.code, targetDocument: { id: r.targetId, docNum: r.targetNumber, title: r.targetTitle } })),
    updatedAt: local(doc.modifiedAt),
    deleted: doc.withdrawn,
  };
}

export function toJsonDetail(doc: FixtureDocument): z.input<typeof jsonDetail> {
  return {
    ...toJsonItem(doc),
    scope: doc.scope,
    sourceName: doc.collectedFrom,
    content: doc.fullText,
    url: doc.url,
    attachments: doc.files.map((f) => ({ fileName: f.name, fileType: f.type, size: f.size, sha256: f.sha256, url: f.url })),
    gazettes: doc.gazette.map((g) => ({ fromNumber: g.from, toNumber: g.to, year: g.year, publicDate: local(g.date) })),
    effHistories: doc.history.map((h) => ({
      date: local(h.date)!,
      action: h.action,
      targetDocument: h.sourceId || h.sourceNumber ? { id: h.sourceId, docNum: h.sourceNumber, title: null } : null,
      scope: h.scope,
    })),
  };
}

const json = (status: number, body: unknown): FakeResponse => ({ status, headers: JSON_TYPE, body: JSON.stringify(body) });

/** Where the fixtures say their files are; with `serveFiles` the fake serves them itself. */
export const FIXTURE_FILE_BASE = 'https://csdl-vbpl.invalid/tep/';
const FILE_TYPES: Record<string, string> = { pdf: 'application/pdf', doc: 'application/msword' };

/**
 * A fixture file's bytes: "fixture:<name>", whose sha256 is the one the fixtures declare
 * (fixtures/documents.ts `fakeSha`), so a mirror can verify what it downloads.
 */
function fixtureFile(name: string): FakeResponse {
  const type = FILE_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
  return { status: 200, headers: { 'content-type': type }, body: Buffer.from(`fixture:${name}`) };
}

function route(catalogue: Catalogue, req: ReceivedRequest, fileBase: string | null): FakeResponse {
  const path = req.url.split('?')[0] ?? '';
  const file = fileBase ? /^\/tep\/([^/]+)$/.exec(path) : null;
  if (req.method === 'GET' && file) return fixtureFile(decodeURIComponent(file[1]!));
  if (req.method === 'POST' && path === `${JSON_BASE_PATH}/doc/all`) {
    let body: Partial<JsonSearchRequest>;
    try {
      body = JSON.parse(req.body) as Partial<JsonSearchRequest>;
    } catch {
      return json(400, { success: false, message: 'Bad request' });
    }
    const { total, items } = catalogue.search({
      page: body.pageNumber ?? 1,
      pageSize: Math.min(body.pageSize ?? 20, 500),
      modifiedSince: body.updatedFrom ? new Date(`${body.updatedFrom}+07:00`) : undefined,
      number: body.docNum || undefined,
      keyword: body.docNum ? undefined : body.keyword || undefined,
    });
    return json(200, { success: true, data: { total, items: items.map(asSent).map(toJsonItem) } });
  }
  const match = /^\/api\/doc\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && match) {
    const doc = catalogue.get(decodeURIComponent(match[1]!));
    if (!doc) return json(404, { success: false, message: 'Không tìm thấy văn bản' });
    const detail = toJsonDetail(asSent(doc));
    if (fileBase) detail.attachments = detail.attachments?.map((a) => ({ ...a, url: a.url.replace(FIXTURE_FILE_BASE, fileBase) }));
    return json(200, { success: true, data: detail });
  }
  return json(404, { success: false, message: 'Not found' });
}

/** `serveFiles`: attachment URLs point at this fake, which serves the fixture files (demo, file mirroring tests). */
export async function startJsonLegalDbFake(options: { catalogue?: Catalogue; serveFiles?: boolean } = {}): Promise<JsonLegalDbFake> {
  const catalogue = options.catalogue ?? createCatalogue();
  let fileBase: string | null = null;
  const firstItem = () => toJsonItem(asSent(catalogue.all()[0]!));
  const fake = await startFakeUpstream({
    contentType: JSON_TYPE['content-type'],
    ok: (req) => route(catalogue, req, fileBase),
    fault: () => json(200, { success: false, message: 'Lỗi hệ thống: timeout connecting to 10.0.3.7:1521', errorCode: 'E500' }),
    malformed: () => ({ status: 200, headers: JSON_TYPE, body: '{"success":true,"data":{"total":1,"items":[{"id":' }),
    hostile: (kind) =>
      kind === 'proto'
        ? {
            status: 200,
            headers: JSON_TYPE,
            // Written by hand: JSON.stringify would not emit a "__proto__" key.
            body: `{"success":true,"__proto__":{"polluted":"yes"},"data":{"total":1,"constructor":{"prototype":{"polluted":"yes"}},"items":[${JSON.stringify(firstItem()).replace(/^\{/, '{"__proto__":{"polluted":"yes"},')}]}}`,
          }
        : { status: 200, headers: { 'content-type': 'application/xml' }, body: '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>' },
  });
  if (options.serveFiles) fileBase = `${fake.origin}/tep/`;
  return Object.assign(fake, { endpoint: `${fake.origin}${JSON_BASE_PATH}`, catalogue });
}
