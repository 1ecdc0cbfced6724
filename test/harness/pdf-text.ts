// Enough of a PDF reader to check what a pdfkit document says: inflate the streams, read the
// ToUnicode maps of the embedded fonts and decode the hex strings of the TJ operators.
import { inflateSync } from 'node:zlib';

function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  const re = /(?<!end)stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    try {
      out.push(inflateSync(raw).toString('latin1'));
    } catch {
      out.push(raw.toString('latin1'));
    }
    re.lastIndex = end;
  }
  return out;
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const unit = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const m of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
    const start = parseInt(m[1]!, 16);
    [...m[3]!.matchAll(/<([0-9a-f]+)>/gi)].forEach((v, i) => map.set(start + i, unit(v[1]!)));
  }
  for (const m of cmap.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]+)>\s*$/gim)) map.set(parseInt(m[1]!, 16), unit(m[2]!));
  return map;
}

/** The text of the document decoded with each embedded font's map (one string per font). */
export function pdfTexts(pdf: Buffer): string[] {
  const all = streams(pdf);
  const cmaps = all.filter((s) => s.includes('beginbfrange') || s.includes('beginbfchar')).map(parseCmap);
  const content = all.filter((s) => /\bTJ\b/.test(s)).join('\n');
  const runs = [...content.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((m) => [...m[1]!.matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1]!).join(''));
  return cmaps.map((cmap) => runs.map((hex) => (hex.match(/.{4}/g) ?? []).map((g) => cmap.get(parseInt(g, 16)) ?? '\uFFFD').join('')).join('\n'));
}

/** Names of the fonts embedded in the document. */
export const embeddedFonts = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/FontName \/([A-Z]{6}\+[\w-]+)/g)].map((m) => m[1]!);
