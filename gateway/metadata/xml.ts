// XML text for the harvest surfaces: escaping, and no character XML 1.0 forbids (a stray
// control character in a source would make the whole response unreadable to a harvester).
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function esc(value: string): string {
  return value.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<name attr="…">text</name>`; attributes with undefined values are left out. */
export function el(name: string, text: string | null | undefined, attrs: Record<string, string | number | undefined | null> = {}): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('');
  return text === null || text === undefined ? `<${name}${a}/>` : `<${name}${a}>${esc(text)}</${name}>`;
}
