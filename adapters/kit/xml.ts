// XML in and out for every adapter (SECURITY-MATRIX B2–B10, B12, B14, B16).
// In: size cap → one strict, conformant XML 1.0 parse (saxes) that refuses what is not
// well-formed (text or a second element after the root, "--" inside a comment …), any DOCTYPE
// (so no entity can be declared: XXE, billion laughs) and prototype-polluting names, judged on
// the parsed structure and not by patterns over the text (a CDATA section may say "<!DOCTYPE")
// → parse with ONE options constant whose arrays are decided by path, never by how many
// children happened to arrive.
// Out: `escapeXml` for any text written into XML.
import { XMLParser, type X2jOptions } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { UpstreamFailure } from './errors.ts';

/** The parser options every adapter uses; only `isArray` is added per document type. */
export const XML_PARSER_OPTIONS = Object.freeze({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  removeNSPrefix: true,
  // Strings stay strings: "26" in a document number or "0001" in a code must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // No DOCTYPE reaches the parser (refused earlier), so only the five XML entities exist;
  // numeric references are decoded (invalid ones are left as text, B8). Named HTML entities
  // such as &nbsp; are accepted because real feeds use them.
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
  strictReservedNames: true,
} satisfies X2jOptions);

export interface ParseXmlOptions {
  /** Largest document accepted, in UTF-16 code units of the decoded text (≈ bytes for XML). */
  maxBytes: number;
  /** jPaths that are always arrays, e.g. "rss.channel.item". Everything else is never one. */
  arrayPaths: readonly string[];
  /** Deepest nesting accepted (default 64). */
  maxDepth?: number;
}

export type XmlNode = Record<string, unknown>;

const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const isReserved = (qualified: string) => RESERVED_NAMES.has(qualified.slice(qualified.indexOf(':') + 1));
// References the parser after us decodes (numeric ones, even out of range — B8 — and named
// HTML ones real feeds use): well-formed as references, so the screening parse sees a letter.
// A broken reference ("&#-1;", "&#abc;", a bare "&") stays and is refused as malformed.
const DECODED_LATER = /&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g;

class Refused extends Error {}

/**
 * The screening parse, before anything is built from the text: size cap (B6), then saxes in
 * strict XML 1.0 mode over the whole document. Refuses a DOCTYPE (B2–B5, B12), an element or
 * attribute named __proto__/constructor/prototype (B7, B14), nesting deeper than `maxDepth`
 * (B9) and anything not well-formed (B10). Throws UpstreamFailure('invalid').
 */
export function screenXml(text: string, maxBytes: number, maxDepth: number = XML_PARSER_OPTIONS.maxNestedTags): void {
  if (text.length > maxBytes) throw new UpstreamFailure('invalid', 'XML over the size cap');
  const parser = new SaxesParser({ position: true });
  let depth = 0;
  let problem: string | null = null;
  // Handlers throw to stop at the first problem: nothing after a DOCTYPE is even read.
  parser.on('doctype', () => {
    throw new Refused('XML with a DOCTYPE or entity declaration');
  });
  parser.on('opentag', (tag) => {
    if (isReserved(tag.name) || Object.keys(tag.attributes).some(isReserved)) throw new Refused('XML with a reserved name');
    depth += 1;
    if (depth > maxDepth) throw new Refused(`malformed XML: nested deeper than ${maxDepth}`);
  });
  parser.on('closetag', () => {
    depth -= 1;
  });
  parser.on('error', (err) => {
    problem ??= err.message;
  });
  try {
    parser.write(text.replace(DECODED_LATER, 'x')).close();
  } catch (err) {
    if (err instanceof Refused) throw new UpstreamFailure('invalid', err.message);
    problem ??= String(err);
  }
  if (problem !== null) throw new UpstreamFailure('invalid', `malformed XML (${String(problem).slice(0, 120)})`);
}

/** Parse untrusted XML into plain objects, or throw UpstreamFailure('invalid'). */
export function parseXmlSafely(text: string, options: ParseXmlOptions): XmlNode {
  screenXml(text, options.maxBytes, options.maxDepth ?? XML_PARSER_OPTIONS.maxNestedTags);
  const arrays = new Set(options.arrayPaths);
  const parser = new XMLParser({
    ...XML_PARSER_OPTIONS,
    maxNestedTags: options.maxDepth ?? XML_PARSER_OPTIONS.maxNestedTags,
    isArray: (_name, jPath, _leaf, isAttribute) => !isAttribute && arrays.has(String(jPath)),
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    throw new UpstreamFailure('invalid', 'XML rejected by the parser', { cause: error });
  }
  return sanitise(parsed) as XmlNode;
}

/** Lone surrogates from odd numeric references become U+FFFD; object keys are re-checked. */
function sanitise(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(sanitise);
  if (value && typeof value === 'object') {
    const out: XmlNode = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
        throw new UpstreamFailure('invalid', 'XML with a reserved name');
      }
      out[key] = sanitise(child);
    }
    return out;
  }
  return value;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** `String.prototype.toWellFormed` (ES2024; the project targets ES2023 types). */
const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

/** Characters XML 1.0 can carry: tab, newline, CR, and everything from U+0020 but U+FFFE/U+FFFF. */
const isXmlChar = (code: number) => code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);

/**
 * Text or attribute value going INTO XML. Escaping every "<", ">", "&", quote makes "-->"
 * and "]]>" inert (B16); characters XML cannot carry and lone surrogates are dropped.
 */
export function escapeXml(text: string): string {
  return [...wellFormed(text)]
    .filter((ch) => isXmlChar(ch.codePointAt(0)!))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Text for inside an XML comment: "--" may not occur there at all. */
export const xmlCommentText = (text: string): string =>
  escapeXml(text)
    .replace(/-(?=-)/g, '- ')
    .replace(/-$/, '- ');

// Small readers for parsed trees: mapping code stays free of `any`.

/** The text of a leaf (string, or an element with attributes and #text), else null. */
export function xmlText(node: unknown): string | null {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const text = (node as XmlNode)['#text'];
    return typeof text === 'string' ? text : null;
  }
  return null;
}

/** A child element as an object (empty elements arrive as ""), or null. */
export function xmlChild(node: unknown, name: string): XmlNode | null {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return null;
  const child = (node as XmlNode)[name];
  if (child === '') return {};
  return child && typeof child === 'object' && !Array.isArray(child) ? (child as XmlNode) : null;
}

/** A child declared in `arrayPaths` (always an array), with non-object entries dropped. */
export function xmlList(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as XmlNode)[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => (item === '' ? {} : item)).filter((item): item is XmlNode => !!item && typeof item === 'object');
}

/** The texts of a repeated leaf declared in `arrayPaths`. */
export function xmlTextList(node: unknown, name: string): string[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as XmlNode)[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map(xmlText).filter((t): t is string => t !== null);
}
