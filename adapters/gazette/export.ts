// An issue's XML export, checked at every step: the kit's parser (size cap, DOCTYPE/entity/
// reserved-name screening, well-formedness with XMLValidator, then the parse), real XSD
// validation against the committed gazette-issue.xsd with libxml2 compiled to WASM
// (`xmllint-wasm`, run in a worker thread, so the request path is not blocked), then the wire
// schema and the cross-field rules of map.ts. Each check runs once. Any failure is
// UPSTREAM_INVALID_RESPONSE; the caller keeps its last good copy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import type { GazetteIssueRecord } from '../../schema/domain/legal.ts';
import { UpstreamFailure } from '../kit/errors.ts';
import { parseXmlSafely, screenXml } from '../kit/xml.ts';
import { mapIssueExport } from './map.ts';
import { ISSUE_ARRAY_PATHS, issueExport } from './wire.ts';

export const XSD_PATH = fileURLToPath(new URL('./gazette-issue.xsd', import.meta.url));
const XSD = readFileSync(XSD_PATH, 'utf8');

/** Validate an export against the committed XSD; throws UpstreamFailure('invalid'). */
export async function validateIssueExport(xml: string, maxBytes: number): Promise<void> {
  screenXml(xml, maxBytes);
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) throw new UpstreamFailure('invalid', `malformed XML (${wellFormed.err.code})`);
  await matchXsd(xml);
}

/** libxml2's verdict against gazette-issue.xsd, for text already screened and well-formed. */
async function matchXsd(xml: string): Promise<void> {
  let result: Awaited<ReturnType<typeof validateXML>>;
  try {
    result = await validateXML({ xml: [{ fileName: 'issue.xml', contents: xml }], schema: [{ fileName: 'gazette-issue.xsd', contents: XSD }] });
  } catch (error) {
    throw new UpstreamFailure('invalid', 'XSD validation could not run', { cause: error });
  }
  if (!result.valid) {
    const first = result.errors[0]?.message ?? 'invalid';
    throw new UpstreamFailure('invalid', `export does not match gazette-issue.xsd: ${first.slice(0, 200)}`);
  }
}

/** Validate, parse and map one issue export. */
export async function readIssueExport(xml: string, context: { sourceUrl: string; fetchedAt: Date; maxBytes: number }): Promise<GazetteIssueRecord> {
  // parseXmlSafely screens and checks well-formedness itself: the XSD runs once that passed.
  const tree = parseXmlSafely(xml, { maxBytes: context.maxBytes, arrayPaths: ISSUE_ARRAY_PATHS });
  await matchXsd(xml);
  const parsed = issueExport.safeParse(tree);
  if (!parsed.success) throw new UpstreamFailure('invalid', 'export shape differs from the XSD', { cause: parsed.error });
  return mapIssueExport(parsed.data, context);
}
