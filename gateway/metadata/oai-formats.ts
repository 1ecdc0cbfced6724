// The metadata formats OAI-PMH disseminates: `oai_dc` (every kind) and `vbpl`, a legal
// document as the national legal-document database describes it (vbpl.xsd, served at
// /oai/vbpl.xsd).
import { DC_ELEMENTS, type HarvestRecord, type LegalDocumentMetadata } from '../../schema/contract/harvest.ts';
import { el, esc } from './xml.ts';

export const VBPL_NAMESPACE = 'urn:cong-hub:vbpl:1.0';

export const FORMATS = {
  oai_dc: { schema: () => 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
  vbpl: { schema: (base: string) => `${base}/oai/vbpl.xsd`, namespace: VBPL_NAMESPACE },
} as const;
export type FormatPrefix = keyof typeof FORMATS;

function oaiDc(r: HarvestRecord): string {
  const dc = r.dc;
  const elements = DC_ELEMENTS.flatMap((name) => (dc?.[name] ?? []).filter(Boolean).map((v) => el(`dc:${name}`, v)));
  return (
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">' +
    `${elements.join('')}</oai_dc:dc>`
  );
}

function vbpl(r: HarvestRecord, m: LegalDocumentMetadata, schema: string): string {
  const v = (name: string, text: string | null | undefined, attrs: Record<string, string | number | null | undefined> = {}) =>
    text === null || text === undefined ? '' : el(`vbpl:${name}`, text, attrs);
  const parts = [
    v('identifier', r.url),
    v('number', m.number),
    v('type', m.typeName, { code: m.typeCode }),
    v('title', m.title),
    v('summary', m.summary),
    v('issueDate', m.issueDate),
    v('effectiveDate', m.effectiveDate),
    v('expiryDate', m.expiryDate),
    m.validity && m.legalForce ? v('validity', m.validity.label, { code: m.validity.code, legalForce: m.legalForce }) : '',
    v('scope', m.scope),
    ...m.fields.map((f) => v('field', f)),
    ...m.issuers.map(
      (i) =>
        `<vbpl:issuer${i.agencyCode ? ` agencyCode="${esc(i.agencyCode)}"` : ''}>${v('agency', i.agency)}${v('signerTitle', i.signerTitle)}${v('signerName', i.signerName)}</vbpl:issuer>`,
    ),
    ...m.gazette.map((g) =>
      el('vbpl:gazettePublication', null, { from: g.from, to: g.to ?? undefined, year: g.year, publishedDate: g.publishedDate?.slice(0, 10) }),
    ),
    ...m.validityHistory.map(
      (e) =>
        `<vbpl:validityEvent${e.date ? ` date="${e.date}"` : ''} action="${e.action}">${v('sourceNumber', e.sourceNumber)}${v('scope', e.scope)}</vbpl:validityEvent>`,
    ),
    ...m.relations.map((x) => v('relation', x.number, { kind: x.kind, href: x.url })),
    ...m.files.map((f) => v('file', f.name, { href: f.url, mediaType: f.mediaType })),
    v('source', m.source),
  ];
  return `<vbpl:document xmlns:vbpl="${VBPL_NAMESPACE}" xsi:schemaLocation="${VBPL_NAMESPACE} ${schema}">${parts.join('')}</vbpl:document>`;
}

/** The <metadata> content of a live record in a format its kind serves. */
export function renderMetadata(prefix: FormatPrefix, r: HarvestRecord, base = ''): string {
  if (prefix === 'vbpl' && r.legal) return vbpl(r, r.legal, FORMATS.vbpl.schema(base));
  return oaiDc(r);
}
