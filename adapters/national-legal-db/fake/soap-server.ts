// A real SOAP upstream on 127.0.0.1:0, served by the `soap` package from the committed WSDL
// (soap.listen without an HTTP server; our node:http server hands it each request through
// processRequest, so the kit's misbehaviour modes can answer instead when switched on).
import { readFileSync } from 'node:fs';
import { listen, type IServices } from 'soap';
import { startFakeUpstream, type FakeResponse, type FakeServer, type HostileKind, type ReceivedRequest } from '../../kit/fake-upstream.ts';
import { WSDL_PATH } from '../soap-client.ts';
import type { FixtureDocument } from '../fixtures/types.ts';
import { asSent, createCatalogue, type Catalogue } from './catalogue.ts';

export const SOAP_PATH = '/soap';
const XML = { 'content-type': 'text/xml; charset=utf-8' };
const ENVELOPE_OPEN = '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>';
const ENVELOPE_CLOSE = '</soap:Body></soap:Envelope>';
const NS = 'urn:cong-hub:national-legal-db:v1';

export interface SoapLegalDbFake extends FakeServer {
  /** The SOAP endpoint to configure: `${origin}/soap`. */
  endpoint: string;
  catalogue: Catalogue;
}

const omitEmpty = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;

/** A fixture document as the SOAP service's VanBanChiTiet. */
export function toSoapDetail(doc: FixtureDocument): Record<string, unknown> {
  return omitEmpty({
    Id: doc.id,
    SoKyHieu: doc.number,
    TenVanBan: doc.title,
    TrichYeu: doc.summary,
    LoaiVanBan: { Ma: doc.listingType.code, Ten: doc.listingType.name },
    NgayBanHanh: doc.issueDate,
    NgayCoHieuLuc: doc.effectiveDate,
    NgayHetHieuLuc: doc.expiryDate,
    NgayDangCongBao: doc.gazetteDate,
    NguonThuThap: doc.collectedFrom,
    CoQuanBanHanh: { DongBanHanh: doc.issuers.map((i) => omitEmpty({ CoQuan: i.agency, ChucDanh: i.title, NguoiKy: i.signer })) },
    PhamVi: doc.scope,
    LinhVuc: { Ten: doc.fields },
    TinhTrangHieuLuc: doc.status ? { Ma: doc.status.code, Ten: doc.status.name } : null,
    ToanVan: doc.fullText,
    TepDinhKem: { Tep: doc.files.map((f) => omitEmpty({ TenTep: f.name, KieuTep: f.type, KichThuoc: f.size, Sha256: f.sha256, DuongDan: f.url })) },
    CongBao: { SoCongBao: doc.gazette.map((g) => omitEmpty({ TuSo: g.from, DenSo: g.to, Nam: g.year, NgayDang: g.date })) },
    DuongDan: doc.url,
    NgayCapNhat: doc.modifiedAt,
    DaThuHoi: doc.withdrawn,
  });
}

function services(catalogue: Catalogue): IServices {
  const sent = (id: unknown) => {
    const doc = catalogue.get(String(id));
    return doc ? asSent(doc) : undefined;
  };
  return {
    LegalDocumentService: {
      LegalDocumentPort: {
        SearchDocuments: (args: Record<string, unknown>) => {
          const since = args.CapNhatTu ? new Date(String(args.CapNhatTu instanceof Date ? args.CapNhatTu.toISOString() : args.CapNhatTu)) : undefined;
          const { total, items } = catalogue.search({
            page: Number(args.TrangSo ?? 1),
            pageSize: Number(args.SoBanGhi ?? 20),
            modifiedSince: since && !Number.isNaN(since.getTime()) ? since : undefined,
            number: args.SoKyHieu ? String(args.SoKyHieu) : undefined,
            keyword: args.TuKhoa ? String(args.TuKhoa) : undefined,
          });
          const rows = items.map(asSent).map((d) =>
            omitEmpty({
              Id: d.id,
              SoKyHieu: d.number,
              TenVanBan: d.title,
              LoaiVanBan: { Ma: d.listingType.code, Ten: d.listingType.name },
              NgayBanHanh: d.issueDate,
              NgayCapNhat: d.modifiedAt,
              DaThuHoi: d.withdrawn,
            }),
          );
          return { TongSo: total, DanhSach: { VanBan: rows } };
        },
        GetDocument: (args: Record<string, unknown>) => {
          const doc = sent(args.Id);
          return doc ? { VanBan: toSoapDetail(doc) } : {};
        },
        GetRelations: (args: Record<string, unknown>) => ({
          QuanHe: (sent(args.Id)?.relations ?? []).map((r) =>
            omitEmpty({ Loai: r.code, VanBanId: r.targetId, SoKyHieu: r.targetNumber, TenVanBan: r.targetTitle }),
          ),
        }),
        GetValidityHistory: (args: Record<string, unknown>) => ({
          LichSu: (sent(args.Id)?.history ?? []).map((h) =>
            omitEmpty({ Ngay: h.date, HanhDong: h.action, VanBanId: h.sourceId, SoKyHieu: h.sourceNumber, PhamViAnhHuong: h.scope }),
          ),
        }),
      },
    },
  };
}

const envelope = (body: string) => `${ENVELOPE_OPEN}${body}${ENVELOPE_CLOSE}`;

/** Bodies only a SOAP service sends: a fault, broken XML, hostile XML (B2–B5, B12, B14). */
const HOSTILE: Record<HostileKind, string> = {
  xxe: `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>${ENVELOPE_OPEN.replace(/^<\?xml[^>]*\?>/, '')}<GetDocumentResponse xmlns="${NS}"><VanBan><Id>&x;</Id></VanBan></GetDocumentResponse>${ENVELOPE_CLOSE}`,
  'entity-bomb': `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>${ENVELOPE_OPEN.replace(/^<\?xml[^>]*\?>/, '')}<SearchDocumentsResponse xmlns="${NS}"><TongSo>&d;</TongSo></SearchDocumentsResponse>${ENVELOPE_CLOSE}`,
  proto: envelope(
    `<SearchDocumentsResponse xmlns="${NS}"><TongSo>1</TongSo><DanhSach><VanBan><__proto__><polluted>yes</polluted></__proto__><Id>x</Id></VanBan></DanhSach></SearchDocumentsResponse>`,
  ),
};

export async function startSoapLegalDbFake(options: { catalogue?: Catalogue } = {}): Promise<SoapLegalDbFake> {
  const catalogue = options.catalogue ?? createCatalogue();
  const soapServer = listen(null, { path: SOAP_PATH, services: services(catalogue), xml: readFileSync(WSDL_PATH, 'utf8') });

  const ok = async (req: ReceivedRequest): Promise<FakeResponse> => {
    if (req.method !== 'POST' || !req.url.startsWith(SOAP_PATH)) return { status: 404, headers: XML, body: '' };
    const out = await soapServer.processRequest(req.body, { method: 'POST', url: req.url, headers: req.headers });
    // SOAP 1.1 sends faults with HTTP 500; processRequest leaves 200.
    const status = /<(?:\w+:)?Fault>/.test(out.body) ? 500 : out.statusCode;
    return { status, headers: XML, body: out.body };
  };

  const fake = await startFakeUpstream({
    contentType: XML['content-type'],
    ok,
    fault: () => ({
      status: 500,
      headers: XML,
      body: envelope(
        '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Lỗi hệ thống: không kết nối được cơ sở dữ liệu (ORA-12541 at db-internal.local)</faultstring></soap:Fault>',
      ),
    }),
    malformed: () => ({ status: 200, headers: XML, body: `${ENVELOPE_OPEN}<SearchDocumentsResponse xmlns="${NS}"><TongSo>1</TongSo><DanhSach><VanBan>` }),
    hostile: (kind) => ({ status: 200, headers: XML, body: HOSTILE[kind] }),
  });
  return Object.assign(fake, { endpoint: `${fake.origin}${SOAP_PATH}`, catalogue });
}
