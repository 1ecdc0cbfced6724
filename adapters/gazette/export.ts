// An issue's XML export, validated before it is parsed: size cap and DOCTYPE/entity/reserved-
// name screening, well-formedness (XMLValidator), then real XSD validation against the committed
// gazette-issue.xsd with libxml2 compiled to WASM (`xmllint-wasm`, run in a worker thread, so
// the request path is not blocked), then the kit's parser, the wire schema and the cross-field
// rules of map.ts. Any failure is UPSTREAM_INVALID_RESPONSE; the caller keeps its last good copy.
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
  await validateIssueExport(xml, context.maxBytes);
  const tree = parseXmlSafely(xml, { maxBytes: context.maxBytes, arrayPaths: ISSUE_ARRAY_PATHS });
  const parsed = issueExport.safeParse(tree);
  if (!parsed.success) throw new UpstreamFailure('invalid', 'export shape differs from the XSD', { cause: parsed.error });
  return mapIssueExport(parsed.data, context);
}
