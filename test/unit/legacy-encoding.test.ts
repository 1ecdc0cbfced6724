import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeLegacyBytes, encodeLegacy, repairLegacyText, syllableScore, unicodeToVni, vniToUnicode, type LegacyEncoding } from '../../schema/text/legacy.ts';

const SENTENCE =
  'Quyết định số 26/2017/QĐ-UBND của Ủy ban nhân dân tỉnh Vĩnh Phúc về việc ban hành Quy chế quản lý, cung cấp thông tin trên Cổng thông tin điện tử';
const ENCODINGS: LegacyEncoding[] = ['tcvn3', 'vni', 'windows-1258', 'viscii'];
/** What a system that assumed Windows-1252 makes of legacy bytes. */
const misread = (bytes: Buffer) => iconv.decode(bytes, 'windows1252');

describe('decodeLegacyBytes', () => {
  it.each(ENCODINGS)('round-trips %s bytes to NFC Unicode', (encoding) => {
    const decoded = decodeLegacyBytes(encodeLegacy(SENTENCE, encoding), encoding);
    expect(decoded).toBe(SENTENCE);
    expect(decoded.normalize('NFC')).toBe(decoded);
  });

  it('decodes Windows-1258 combining tone marks to precomposed letters', () => {
    // "ế" in Windows-1258 is ê (0xEA) followed by the combining acute (0xEC).
    const decoded = decodeLegacyBytes(Buffer.from([0x51, 0x75, 0x79, 0xea, 0xec, 0x74]), 'windows-1258');
    expect(decoded).toBe('Quyết');
    expect(decoded).toHaveLength(5);
  });
});

describe('VNI-Windows table', () => {
  it.each([
    ['Quyeát ñònh soá', 'Quyết định số'],
    ['QUYEÁT ÑÒNH', 'QUYẾT ĐỊNH'],
    ['Ñieàu 1. Phaïm vi ñieàu chænh', 'Điều 1. Phạm vi điều chỉnh'],
    ['UÛy ban nhaân daân tænh Vónh Phuùc', 'Ủy ban nhân dân tỉnh Vĩnh Phúc'],
    ['Luaät Coâng ngheä thoâng tin', 'Luật Công nghệ thông tin'],
    ['ngöôøi kyù', 'người ký'],
    ['thôøi haïn, möùc ñoä, quyõ', 'thời hạn, mức độ, quỹ'],
    ['naêm, aén, ñaëc bieät', 'năm, ắn, đặc biệt'],
    ['tuyø, tyû, Myõ, hoïc kyø', 'tuỳ, tỷ, Mỹ, học kỳ'],
  ])('%s → %s', (vni, unicode) => {
    expect(vniToUnicode(vni)).toBe(unicode);
  });

  it('encodes back to the same VNI sequences', () => {
    expect(unicodeToVni('Quyết định số')).toBe('Quyeát ñònh soá');
    expect(vniToUnicode(unicodeToVni(SENTENCE))).toBe(SENTENCE);
  });
});

describe('repairLegacyText (mis-decoded legacy text)', () => {
  it.each([
    ['QuyÕt ®Þnh sè', 'Quyết định số', 'tcvn3'],
    ['Quyeát ñònh soá', 'Quyết định số', 'vni'],
  ])('repairs the DOMAIN.md examples: %s', (input, expected, from) => {
    expect(repairLegacyText(input)).toEqual({ text: expected, repairedFrom: from });
  });

  it.each(ENCODINGS)('repairs a whole sentence read from %s bytes as Windows-1252', (encoding) => {
    const garbled = misread(encodeLegacy(SENTENCE, encoding));
    expect(garbled).not.toBe(SENTENCE);
    expect(repairLegacyText(garbled)).toEqual({ text: SENTENCE, repairedFrom: encoding });
  });

  it('restores capitals typed in a TCVN3 upper-case font', () => {
    const garbled = misread(encodeLegacy('quyết định', 'tcvn3')).toUpperCase();
    expect(repairLegacyText(garbled).text).toBe('QUYẾT ĐỊNH');
  });

  it.each([
    SENTENCE,
    'Tô Lâm',
    'Lê Minh Hưng',
    'Café crème brûlée à la française',
    'Công báo số 1271 đến 1276, năm 2015',
    'Nghị định 43/2011/NĐ-CP',
    'ASCII only: UBND tinh Vinh Phuc',
    '© 2017 Cổng thông tin',
  ])('never "repairs" ordinary text: %s', (text) => {
    expect(repairLegacyText(text)).toEqual({ text: text.normalize('NFC'), repairedFrom: null });
  });

  it('returns decomposed Unicode as NFC without calling it a repair', () => {
    const nfd = SENTENCE.normalize('NFD');
    expect(repairLegacyText(nfd)).toEqual({ text: SENTENCE, repairedFrom: null });
  });
});

describe('syllableScore', () => {
  it('scores real Vietnamese high and mojibake low', () => {
    expect(syllableScore('Quyết định số')).toBe(1);
    expect(syllableScore('QuyÕt ®Þnh sè')).toBeLessThan(0.5);
    expect(syllableScore('Quyeát ñònh soá')).toBeLessThan(0.5);
  });
});
