// OAI-PMH responses checked against the official schemas (test/fixtures/oai: OAI-PMH.xsd,
// oai_dc.xsd, simpledc20021212.xsd, xml.xsd) and the hub's own vbpl.xsd, with libxml2 compiled
// to WASM (xmllint-wasm, as the gazette adapter uses). The metadata part is validated strictly
// (`processContents="strict"` in OAI-PMH.xsd), so a record's oai_dc or vbpl must be valid too.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';

const read = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');
const PRELOAD = [
  { fileName: 'OAI-PMH.xsd', contents: read('../../fixtures/oai/OAI-PMH.xsd') },
  { fileName: 'oai_dc.xsd', contents: read('../../fixtures/oai/oai_dc.xsd') },
  { fileName: 'simpledc20021212.xsd', contents: read('../../fixtures/oai/simpledc20021212.xsd') },
  { fileName: 'xml.xsd', contents: read('../../fixtures/oai/xml.xsd') },
  { fileName: 'vbpl.xsd', contents: read('../../../gateway/metadata/vbpl.xsd') },
];
const WRAPPER = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="OAI-PMH.xsd"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="oai_dc.xsd"/>
  <xs:import namespace="urn:cong-hub:vbpl:1.0" schemaLocation="vbpl.xsd"/>
</xs:schema>`;

/** libxml2's verdict: the list of errors (empty when valid). */
export async function oaiSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'response.xml', contents: xml }],
    schema: [{ fileName: 'harvest.xsd', contents: WRAPPER }],
    preload: PRELOAD,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name) => ['record', 'header', 'setSpec', 'set', 'metadataFormat', 'error'].includes(name),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OaiTree = any;

export const parseOai = (xml: string): OaiTree => parser.parse(xml)['OAI-PMH'];
