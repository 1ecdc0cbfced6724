// A real one-stop SOAP service on 127.0.0.1:0, served by the `soap` package from the committed
// WSDL (processRequest behind the kit's fake upstream, so its misbehaviour modes can answer
// instead), over mutable dossiers and usage counts.
import { readFileSync } from 'node:fs';
import { listen, type IServices } from 'soap';
import { startFakeUpstream, type FakeResponse, type FakeServer, type HostileKind, type ReceivedRequest } from '../../kit/fake-upstream.ts';
import { FIXTURE_DOSSIERS, FIXTURE_USAGE, type FixtureDossier, type FixtureUsage } from '../fixtures/dossiers.ts';
import { WSDL_PATH } from '../contract.ts';

export const SOAP_PATH = '/motcua';
const XML = { 'content-type': 'text/xml; charset=utf-8' };
const OPEN = '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>';
const CLOSE = '</soap:Body></soap:Envelope>';
const NS = 'urn:cong-hub:one-stop:v1';

export interface OneStopFake extends FakeServer {
  endpoint: string;
  dossiers: Map<string, FixtureDossier>;
  usage: FixtureUsage[];
}

/** Local "2026-11-20T08:30:00" (Vietnam) → an instant with its zone, as the service writes xsd:dateTime. */
const zoned = (local: string | undefined) => (local ? `${local}+07:00` : undefined);

function services(dossiers: Map<string, FixtureDossier>, usage: FixtureUsage[]): IServices {
  return {
    OneStopService: {
      OneStopPort: {
        TraCuuHoSo: (args: Record<string, unknown>) => {
          const d = dossiers.get(String(args.MaHoSo));
          if (!d) return {};
          const { TienDo, NgayTiepNhan, NgayHenTra, NgayTra, ...rest } = d;
          return {
            HoSo: {
              ...rest,
              NgayTiepNhan: zoned(NgayTiepNhan),
              NgayHenTra: zoned(NgayHenTra),
              ...(NgayTra ? { NgayTra: zoned(NgayTra) } : {}),
              QuaTrinhXuLy: { TienDo: TienDo.map((t) => ({ ...t, ThoiDiemXuLy: zoned(t.ThoiDiemXuLy) })) },
            },
          };
        },
        ThongKeHoSo: (args: Record<string, unknown>) => ({
          ThongKe: usage.filter((u) => u.Thang >= String(args.TuThang) && u.Thang <= String(args.DenThang)),
        }),
      },
    },
  };
}

const envelope = (body: string) => `${OPEN}${body}${CLOSE}`;
const HOSTILE: Record<HostileKind, string> = {
  xxe: `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>${OPEN.replace(/^<\?xml[^>]*\?>/, '')}<TraCuuHoSoResponse xmlns="${NS}"><HoSo><MaHoSo>&x;</MaHoSo><TrangThaiHoSo>1</TrangThaiHoSo></HoSo></TraCuuHoSoResponse>${CLOSE}`,
  'entity-bomb': `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>${OPEN.replace(/^<\?xml[^>]*\?>/, '')}<TraCuuHoSoResponse xmlns="${NS}"><HoSo><MaHoSo>&c;</MaHoSo><TrangThaiHoSo>1</TrangThaiHoSo></HoSo></TraCuuHoSoResponse>${CLOSE}`,
  proto: envelope(
    `<TraCuuHoSoResponse xmlns="${NS}"><HoSo><__proto__><polluted>yes</polluted></__proto__><MaHoSo>x</MaHoSo><TrangThaiHoSo>1</TrangThaiHoSo></HoSo></TraCuuHoSoResponse>`,
  ),
};

export async function startOneStopFake(options: { dossiers?: FixtureDossier[]; usage?: FixtureUsage[] } = {}): Promise<OneStopFake> {
  const dossiers = new Map((options.dossiers ?? FIXTURE_DOSSIERS).map((d) => [d.MaHoSo, structuredClone(d)]));
  const usage = [...(options.usage ?? FIXTURE_USAGE)];
  const soapServer = listen(null, { path: SOAP_PATH, services: services(dossiers, usage), xml: readFileSync(WSDL_PATH, 'utf8') });

  const ok = async (req: ReceivedRequest): Promise<FakeResponse> => {
    if (req.method !== 'POST' || !req.url.startsWith(SOAP_PATH)) return { status: 404, headers: XML, body: '' };
    const out = await soapServer.processRequest(req.body, { method: 'POST', url: req.url, headers: req.headers });
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
        '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Lỗi kết nối CSDL một cửa (SQLSTATE 08001 at motcua-db.internal)</faultstring></soap:Fault>',
      ),
    }),
    malformed: () => ({ status: 200, headers: XML, body: `${OPEN}<TraCuuHoSoResponse xmlns="${NS}"><HoSo><MaHoSo>` }),
    hostile: (kind) => ({ status: 200, headers: XML, body: HOSTILE[kind] }),
  });
  return Object.assign(fake, { endpoint: `${fake.origin}${SOAP_PATH}`, dossiers, usage });
}
