// XML in and out for every adapter (SECURITY-MATRIX B2–B10, B12, B14, B16).
// In: size cap → refuse DOCTYPE/ENTITY and prototype-polluting names → well-formedness with
// XMLValidator (parse() alone accepts malformed XML) → parse with ONE options constant whose
// arrays are decided by path, never by how many children happened to arrive.
// Out: `escapeXml` for any text written into XML.
import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';
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

const DOCTYPE_OR_ENTITY = /<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i;
const RESERVED = '(?:__proto__|constructor|prototype)';
const RESERVED_ELEMENT = new RegExp(`<\\/?\\s*(?:[\\w.-]+:)?${RESERVED}(?=[\\s/>])`);
const RESERVED_ATTRIBUTE = new RegExp(`\\s(?:[\\w.-]+:)?${RESERVED}\\s*=`);

/**
 * Checks that need no parse: size, DOCTYPE/ENTITY declarations (XXE, billion laughs, B2–B5,
 * B12) and element/attribute names that would pollute prototypes (B7, B14). Throws
 * UpstreamFailure('invalid').
 */
export function screenXml(text: string, maxBytes: number): void {
  if (text.length > maxBytes) throw new UpstreamFailure('invalid', 'XML over the size cap');
  if (DOCTYPE_OR_ENTITY.test(text)) throw new UpstreamFailure('invalid', 'XML with a DOCTYPE or entity declaration');
  if (RESERVED_ELEMENT.test(text) || RESERVED_ATTRIBUTE.test(text)) throw new UpstreamFailure('invalid', 'XML with a reserved name');
}

/** Parse untrusted XML into plain objects, or throw UpstreamFailure('invalid'). */
export function parseXmlSafely(text: string, options: ParseXmlOptions): XmlNode {
  screenXml(text, options.maxBytes);
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw new UpstreamFailure('invalid', `malformed XML (${verdict.err.code} at line ${verdict.err.line})`);
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
