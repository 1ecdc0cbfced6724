// The national legal-document database adapter against real fake upstreams on 127.0.0.1: the
// SOAP service (from the committed WSDL) and the JSON API, both serving one fixture catalogue.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HubError } from '../../schema/errors.ts';
import type { LegalDocumentRecord } from '../../schema/domain/legal.ts';
import type { LegalDocumentSource } from '../../schema/domain/sources.ts';
import type { FakeMode } from '../../adapters/kit/fake-upstream.ts';
import { UrlRefusedError } from '../../adapters/kit/url-guard.ts';
import { asSent, createCatalogue, type Catalogue } from '../../adapters/national-legal-db/fake/catalogue.ts';
import { startJsonLegalDbFake, type JsonLegalDbFake } from '../../adapters/national-legal-db/fake/json-server.ts';
import { startSoapLegalDbFake, type SoapLegalDbFake } from '../../adapters/national-legal-db/fake/soap-server.ts';
import { assertSelfContainedWsdl, WSDL_PATH } from '../../adapters/national-legal-db/soap-client.ts';
import { createLegalDocumentSource, nationalLegalDb, parseLegalDbConfig, type LegalDbConfigInput } from '../../adapters/national-legal-db/source.ts';
import { ADAPTERS } from '../../adapters/registry.ts';

type Shape = 'soap' | 'json';
const SHAPES: Shape[] = ['soap', 'json'];
const FETCHED_AT = new Date('2026-05-01T03:00:00Z');
const MB = 1024 * 1024;

let catalogue: Catalogue;
let fakes: Record<Shape, SoapLegalDbFake | JsonLegalDbFake>;
const opened: LegalDocumentSource[] = [];

beforeAll(async () => {
  catalogue = createCatalogue();
  fakes = { soap: await startSoapLegalDbFake({ catalogue }), json: await startJsonLegalDbFake({ catalogue }) };
});
afterAll(async () => {
  await Promise.all(Object.values(fakes).map((f) => f.close()));
});
afterEach(async () => {
  for (const fake of Object.values(fakes)) {
    fake.setMode({ kind: 'ok' });
    fake.received.length = 0;
  }
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** A source for one shape, with delays and thresholds small enough for tests. */
function source(shape: Shape, overrides: Partial<LegalDbConfigInput> = {}): LegalDocumentSource {
  const config = parseLegalDbConfig({
    kind: shape,
    endpoint: fakes[shape].endpoint,
    timeoutMs: 400,
    maxBytes: MB,
    allowHosts: ['127.0.0.1'],
    resilience: {
      attemptTimeoutMs: 400,
      retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
      breaker: { consecutiveFailures: 50, halfOpenAfterMs: 100 },
    },
    ...overrides,
  });
  const created = createLegalDocumentSource(config, { now: () => FETCHED_AT });
  opened.push(created);
  return created;
}

const failureOf = async (promise: Promise<unknown>): Promise<HubError> => {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubError);
  return error as HubError;
};

describe.each(SHAPES)('mapping (%s shape)', (shape) => {
  it('maps every field of Quyết định 26/2017/QĐ-UBND', async () => {
    const record = await source(shape).getById('qd-26-2017-ubnd-vp');
    const { provenance, ...content } = record!;
    expect(content).toEqual({
      type: { code: 'DECISION', name: 'Quyết định' },
      number: { raw: '26/2017/QĐ-UBND', normalised: '26/2017/QĐ-UBND', key: '26/2017/QD-UBND' },
      title: 'Quyết định 26/2017/QĐ-UBND ban hành Quy chế Quản lý và cung cấp thông tin trên Cổng Thông tin - Giao tiếp điện tử tỉnh Vĩnh Phúc',
      summary: 'Ban hành Quy chế Quản lý và cung cấp thông tin trên Cổng Thông tin - Giao tiếp điện tử tỉnh Vĩnh Phúc',
      issuers: [{ agency: 'Ủy ban nhân dân tỉnh Vĩnh Phúc', signerName: 'Vũ Việt Văn', signerTitle: 'Phó Chủ tịch' }],
      issueDate: '2017-08-17',
      effectiveDate: '2017-08-27',
      expiryDate: null,
      status: 'CHL',
      validityHistory: [
        { date: '2017-08-17', action: 'ISSUED', sourceDocument: null, scopeText: null },
        { date: '2017-08-27', action: 'TOOK_EFFECT', sourceDocument: null, scopeText: null },
      ],
      relations: [
        ['BASED_ON', 'nd-43-2011-cp', '43/2011/NĐ-CP'],
        ['BASED_ON', 'nd-64-2007-cp', '64/2007/NĐ-CP'],
        ['BASED_ON', 'luat-67-2006-qh11', '67/2006/QH11'],
        ['BASED_ON', 'nd-72-2013-cp', '72/2013/NĐ-CP'],
        ['BASED_ON', 'luat-77-2015-qh13', '77/2015/QH13'],
        ['REFERENCES', 'nd-43-2011-cp', '43/2011/NĐ-CP'],
        ['REFERENCES', 'nd-72-2013-cp', '72/2013/NĐ-CP'],
      ].map(([type, targetSourceId, targetNumber]) => ({ type, targetSourceId, targetNumber, targetTitle: expect.any(String) })),
      fields: ['Bộ máy hành chính', 'Công nghệ thông tin'],
      scope: 'Tỉnh Vĩnh Phúc',
      fullText: expect.stringMatching(/^Điều 1\. Ban hành kèm theo Quyết định này .*\nĐiều 2\. Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký\.$/su),
      files: [
        {
          name: '26_2017_QD-UBND.pdf',
          mediaType: 'application/pdf',
          size: 245_760,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          sourceUrl: 'https://csdl-vbpl.invalid/tep/26_2017_QD-UBND.pdf',
        },
      ],
      gazette: [{ from: 45, to: 46, year: 2017, publishedDate: '2017-09-05' }],
      withdrawn: false,
    });
    expect(provenance).toEqual({
      system: 'national-legal-db',
      sourceId: 'qd-26-2017-ubnd-vp',
      sourceUrl: 'https://csdl-vbpl.invalid/van-ban/qd-26-2017-ubnd-vp',
      fetchedAt: FETCHED_AT.toISOString(),
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('repairs legacy-encoded text (TCVN3, VNI, Windows-1258) to NFC Unicode', async () => {
    const s = source(shape);
    // What the old system sends really is garbled…
    expect(asSent(catalogue.get('luat-67-2006-qh11')!).issuers[0]!.signer).toBe('NguyÔn Phó Träng');
    const law = await s.getById('luat-67-2006-qh11');
    expect(law!.issuers[0]).toEqual({ agency: 'Quốc hội', signerName: 'Nguyễn Phú Trọng', signerTitle: 'Chủ tịch Quốc hội' });
    expect(law!.summary).toBe('Luật Công nghệ thông tin quy định về hoạt động ứng dụng và phát triển công nghệ thông tin');
    const decree = await s.getById('nd-64-2007-cp');
    expect(decree!.title).toBe('Nghị định 64/2007/NĐ-CP về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước');
    expect(decree!.issuers[0]!.signerName).toBe('Nguyễn Tấn Dũng');
    const circular = await s.getById('tt-24-2011-btttt');
    expect(circular!.summary).toMatch(/^Quy định về việc tạo lập, sử dụng và lưu trữ dữ liệu đặc tả/u);
    for (const text of [law!.summary, decree!.title, circular!.summary]) expect(text).toBe(text.normalize('NFC'));
  });

  it('takes the kind from the number suffix when the listing disagrees, and normalises dashes', async () => {
    const record = await source(shape).getById('nd-72-2013-cp');
    expect(catalogue.get('nd-72-2013-cp')!.listingType.name).toBe('Thông tư');
    expect(record!.type).toEqual({ code: 'DECREE', name: 'Nghị định' });
    expect(record!.number).toEqual({ raw: '72/2013/NĐ\u2013CP', normalised: '72/2013/NĐ-CP', key: '72/2013/ND-CP' });
  });

  it('maps validity, history with source documents, and relations in both directions', async () => {
    const s = source(shape);
    const decree = await s.getById('nd-72-2013-cp');
    expect(decree!.status).toBe('HHL');
    expect(decree!.expiryDate).toBe('2024-12-25');
    expect(decree!.validityHistory.map((e) => [e.date, e.action, e.sourceDocument?.number ?? null, e.scopeText])).toEqual([
      ['2013-07-15', 'ISSUED', null, null],
      ['2013-09-01', 'TOOK_EFFECT', null, null],
      ['2018-04-15', 'AMENDED', '27/2018/NĐ-CP', 'Một số điều'],
      ['2024-12-25', 'REPLACED', '147/2024/NĐ-CP', null],
    ]);
    const types = decree!.relations.map((r) => `${r.type} ${r.targetSourceId}`);
    expect(types).toEqual(
      expect.arrayContaining(['AMENDED_BY nd-27-2018-cp', 'REPLACED_BY nd-147-2024-cp', 'BASIS_OF qd-26-2017-ubnd-vp', 'REFERENCED_BY qd-26-2017-ubnd-vp']),
    );
    const amending = await s.getById('luat-47-2019-qh14');
    expect(amending!.relations).toContainEqual({ type: 'AMENDS', targetSourceId: null, targetNumber: '76/2015/QH13', targetTitle: 'Luật Tổ chức Chính phủ' });
  });

  it('keeps every issuer of a joint document, and reads the gazette from "Nguồn thu thập"', async () => {
    const s = source(shape);
    const joint = await s.getById('nqlt-403-2017');
    expect(joint!.type.code).toBe('JOINT_RESOLUTION');
    expect(joint!.issuers.map((i) => i.signerName)).toEqual(['Nguyễn Thị Kim Ngân', 'Nguyễn Xuân Phúc', 'Nguyễn Thiện Nhân']);
    const law = await s.getById('luat-77-2015-qh13');
    expect(law!.gazette).toEqual([{ from: 1271, to: 1276, year: 2015, publishedDate: null }]);
  });

  it('finds by number whatever the spelling, and returns null for unknown ids and numbers', async () => {
    const s = source(shape);
    for (const spelling of ['26/2017/QD-UBND', '26 / 2017 / QĐ\u2011UBND', '26/2017/qđ-ubnd']) {
      expect((await s.findByNumber(spelling))?.provenance.sourceId).toBe('qd-26-2017-ubnd-vp');
    }
    expect(await s.findByNumber('99/2099/QĐ-UBND')).toBeNull();
    expect(await s.getById('no-such-document')).toBeNull();
  });
});

describe('both shapes, same records', () => {
  it('gives equal records for every fixture document', async () => {
    const soap = source('soap');
    const json = source('json');
    for (const doc of catalogue.all()) {
      const [a, b] = await Promise.all([soap.getById(doc.id), json.getById(doc.id)]);
      expect(a, doc.id).not.toBeNull();
      expect(a, doc.id).toEqual(b);
    }
  });
});

describe('incremental sync support', () => {
  it('lists only changes since a date, including withdrawals, and the hash follows content', async () => {
    const local = createCatalogue();
    const soapFake = await startSoapLegalDbFake({ catalogue: local });
    const jsonFake = await startJsonLegalDbFake({ catalogue: local });
    try {
      const make = (kind: Shape, endpoint: string) =>
        createLegalDocumentSource(parseLegalDbConfig({ kind, endpoint, allowHosts: ['127.0.0.1'] }), { now: () => FETCHED_AT });
      const sources = [make('soap', soapFake.endpoint), make('json', jsonFake.endpoint)];
      opened.push(...sources);
      const before = await sources[0]!.getById('tt-39-2017-btttt');
      const since = new Date('2026-02-01T00:00:00Z');
      local.modify('tt-39-2017-btttt', { summary: 'Trích yếu đã cập nhật' }, new Date('2026-02-02T00:00:00Z'));
      local.withdraw('nd-147-2024-cp', new Date('2026-02-03T00:00:00Z'));
      for (const s of sources) {
        const page = await s.search({ modifiedSince: since, page: 1, pageSize: 50 });
        expect(page.items.map((i) => [i.sourceId, i.withdrawn])).toEqual([
          ['nd-147-2024-cp', true],
          ['tt-39-2017-btttt', false],
        ]);
        expect(page.total).toBe(2);
        const changed = await s.getById('tt-39-2017-btttt');
        expect(changed!.summary).toBe('Trích yếu đã cập nhật');
        expect(changed!.provenance.contentHash).not.toBe(before!.provenance.contentHash);
        expect((await s.getById('nd-147-2024-cp'))!.withdrawn).toBe(true);
        const all = await s.search({ page: 1, pageSize: 50 });
        expect(all.items.map((i) => i.sourceId)).not.toContain('nd-147-2024-cp');
      }
      expect(soapFake.received.some((r) => r.body.includes('<CapNhatTu>2026-02-01T00:00:00.000Z</CapNhatTu>'))).toBe(true);
      expect(jsonFake.received.map((r) => r.body)).toContain(
        JSON.stringify({ pageNumber: 1, pageSize: 50, sortBy: 'updatedAt', sortDirection: 'desc', keyword: '', updatedFrom: '2026-02-01T07:00:00' }),
      );
    } finally {
      await Promise.all([soapFake.close(), jsonFake.close()]);
    }
  });

  it('keeps the content hash when only the fetch time differs', async () => {
    const a = await source('soap').getById('luat-77-2015-qh13');
    const later = createLegalDocumentSource(parseLegalDbConfig({ kind: 'json', endpoint: fakes.json.endpoint, allowHosts: ['127.0.0.1'] }), {
      now: () => new Date('2027-01-01T00:00:00Z'),
    });
    opened.push(later);
    const b = (await later.getById('luat-77-2015-qh13')) as LegalDocumentRecord;
    expect(b.provenance.fetchedAt).not.toBe(a!.provenance.fetchedAt);
    expect(b.provenance.contentHash).toBe(a!.provenance.contentHash);
  });
});

const FAILURES: Array<[string, string, FakeMode]> = [
  ['slow', 'UPSTREAM_TIMEOUT', { kind: 'slow', delayMs: 3_000 }],
  ['trickle', 'UPSTREAM_TIMEOUT', { kind: 'trickle', intervalMs: 50 }],
  ['429 with a long Retry-After', 'UPSTREAM_RATE_LIMITED', { kind: 'rate-limited', retryAfter: '3600' }],
  ['fault', 'UPSTREAM_FAULT', { kind: 'fault' }],
  ['malformed body', 'UPSTREAM_INVALID_RESPONSE', { kind: 'malformed' }],
  ['oversized body', 'UPSTREAM_INVALID_RESPONSE', { kind: 'oversized', bytes: 20 * MB }],
  ['XXE', 'UPSTREAM_INVALID_RESPONSE', { kind: 'xxe' }],
  ['entity bomb', 'UPSTREAM_INVALID_RESPONSE', { kind: 'entity-bomb' }],
  ['HTML 502 page', 'UPSTREAM_UNAVAILABLE', { kind: 'html-502' }],
  ['5xx on every try', 'UPSTREAM_UNAVAILABLE', { kind: 'fail-then-ok', failures: 1_000 }],
];

describe.each(SHAPES)('failure modes (%s shape)', (shape) => {
  it.each(FAILURES)('%s → %s', async (_name, code, mode) => {
    fakes[shape].setMode(mode);
    const error = await failureOf(
      source(shape, {
        resilience: {
          attemptTimeoutMs: 300,
          retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10, maxRetryAfterMs: 1_000 },
          breaker: { consecutiveFailures: 50, halfOpenAfterMs: 100 },
        },
      }).search({ page: 1, pageSize: 5 }),
    );
    expect(error.code).toBe(code);
    expect(error.extensions).toMatchObject({ system: 'national-legal-db', operation: shape === 'soap' ? 'SearchDocuments' : 'doc/all' });
    // Neither upstream text, internal hosts, nor our upstream URL reach the client.
    const visible = JSON.stringify({ message: error.message, extensions: error.extensions });
    expect(visible).not.toMatch(/ORA-|10\.0\.3\.7|db-internal|passwd|nginx|127\.0\.0\.1|soap:Server|Lỗi/);
  });

  it('retries a read through 5xx then succeeds (the JSON search is a POST declared idempotent)', async () => {
    fakes[shape].setMode({ kind: 'fail-then-ok', failures: 2 });
    const page = await source(shape).search({ page: 1, pageSize: 5 });
    expect(page.items).toHaveLength(5);
    expect(fakes[shape].received).toHaveLength(3);
    expect(new Set(fakes[shape].received.map((r) => r.method))).toEqual(new Set(['POST']));
  });

  it('rejects prototype-polluting payloads and leaves Object.prototype untouched', async () => {
    fakes[shape].setMode({ kind: 'proto' });
    const outcome = await source(shape)
      .search({ page: 1, pageSize: 5 })
      .then(
        (page) => ({ page }),
        (error: unknown) => ({ error }),
      );
    if (shape === 'soap') expect((outcome as { error: HubError }).error.code).toBe('UPSTREAM_INVALID_RESPONSE');
    // JSON.parse keeps "__proto__" as a plain key; the wire schema drops it.
    else expect((outcome as { page: { items: unknown[] } }).page.items).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('opens the breaker after repeated outages, fails fast, and reports it in health()', async () => {
    fakes[shape].setMode({ kind: 'html-502' });
    const s = source(shape, {
      resilience: {
        attemptTimeoutMs: 300,
        retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
        breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
      },
    });
    for (let i = 0; i < 2; i++) expect((await failureOf(s.getById('qd-26-2017-ubnd-vp'))).code).toBe('UPSTREAM_UNAVAILABLE');
    const seen = fakes[shape].received.length;
    expect((await failureOf(s.getById('qd-26-2017-ubnd-vp'))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(fakes[shape].received).toHaveLength(seen);
    expect(await s.health()).toMatchObject({ system: 'national-legal-db', ok: false, breaker: 'open', errorCode: 'UPSTREAM_UNAVAILABLE' });
  });
});

describe('configuration and contract', () => {
  it('is registered under its system id', () => {
    expect(ADAPTERS['national-legal-db']).toBe(nationalLegalDb);
    const created = ADAPTERS['national-legal-db'].create(
      ADAPTERS['national-legal-db'].parseConfig({ kind: 'json', endpoint: fakes.json.endpoint, allowHosts: ['127.0.0.1'] }),
    );
    opened.push(created);
    expect(created.system).toBe('national-legal-db');
  });

  it('refuses an endpoint on a private address at boot (B1)', () => {
    expect(() => parseLegalDbConfig({ kind: 'soap', endpoint: 'http://169.254.169.254/soap' })).toThrow(UrlRefusedError);
    expect(() => parseLegalDbConfig({ kind: 'json', endpoint: 'http://127.0.0.1:9/api' })).toThrow(UrlRefusedError);
    expect(() => parseLegalDbConfig({ kind: 'xml', endpoint: 'https://vbpl.vn/api' })).toThrow();
  });

  it('refuses page sizes above the API maximum', async () => {
    await expect(source('json').search({ page: 1, pageSize: 501 })).rejects.toThrow(RangeError);
    expect(fakes.json.received).toHaveLength(0);
  });

  it('uses a self-contained WSDL and refuses one that imports a remote document (B15)', () => {
    expect(() => assertSelfContainedWsdl(WSDL_PATH)).not.toThrow();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wsdl-'));
    const importing = readFileSync(WSDL_PATH, 'utf8').replace('<types>', `<import namespace="urn:x" location="${fakes.soap.origin}/remote.wsdl"/><types>`);
    writeFileSync(path.join(dir, 'importing.wsdl'), importing);
    expect(() => assertSelfContainedWsdl(path.join(dir, 'importing.wsdl'))).toThrow(/self-contained/);
    expect(fakes.soap.received).toHaveLength(0);
  });

  it('reports health with latency when the upstream answers', async () => {
    for (const shape of SHAPES) {
      expect(await source(shape).health()).toMatchObject({ system: 'national-legal-db', ok: true, breaker: 'closed', latencyMs: expect.any(Number) });
    }
  });
});
