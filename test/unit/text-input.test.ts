// cleanText (schema/text/input.ts), issue 7 finding 11 / A37: invisible and direction-changing
// characters are removed, odd spaces become ordinary ones, and the Vietnamese text stays intact.
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../schema/text/input.ts';

const clean = (v: string, multiline = false) => cleanText(v, { field: 'title', max: 500, multiline });

describe('cleanText: invisible and bidi characters', () => {
  const INVISIBLES: [string, string][] = [
    ['U+200B zero-width space', '\u200b'],
    ['U+200C zero-width non-joiner', '\u200c'],
    ['U+200D zero-width joiner', '\u200d'],
    ['U+200E left-to-right mark', '\u200e'],
    ['U+200F right-to-left mark', '\u200f'],
    ['U+202A LRE', '\u202a'],
    ['U+202B RLE', '\u202b'],
    ['U+202C PDF', '\u202c'],
    ['U+202D LRO', '\u202d'],
    ['U+202E RLO', '\u202e'],
    ['U+2060 word joiner', '\u2060'],
    ['U+2066 LRI', '\u2066'],
    ['U+2067 RLI', '\u2067'],
    ['U+2068 FSI', '\u2068'],
    ['U+2069 PDI', '\u2069'],
    ['U+FEFF BOM', '\ufeff'],
    ['U+00AD soft hyphen', '\u00ad'],
    ['U+061C Arabic letter mark', '\u061c'],
    ['U+3164 Hangul filler', '\u3164'],
    ['U+E0041 tag letter A', '\u{e0041}'],
  ];
  for (const [name, ch] of INVISIBLES) {
    it(`removes ${name}`, () => {
      expect(clean(`Sở Tài${ch} chính${ch}`)).toBe('Sở Tài chính');
      expect(clean(`Sở Tài${ch}\nchính`, true)).toBe('Sở Tài\nchính');
    });
  }

  it('defuses a right-to-left override in a file name', () => {
    expect(clean('bao-cao\u202Efdp.exe')).toBe('bao-caofdp.exe');
  });

  it('refuses a title made of invisible characters only (empty after cleaning)', () => {
    expect(() => clean('\u200b\u202e\ufeff')).toThrow(/must not be empty/);
  });

  it('turns odd spaces into ordinary spaces and line separators into newlines or spaces', () => {
    expect(clean('Ủy\u00a0ban\u2003nhân\u202fdân\u3000tỉnh')).toBe('Ủy ban nhân dân tỉnh');
    expect(clean('dòng một\u2028dòng hai', true)).toBe('dòng một\ndòng hai');
    expect(clean('dòng một\u2029dòng hai')).toBe('dòng một dòng hai');
  });
});

describe('cleanText: what Vietnamese needs is kept', () => {
  it('keeps every Vietnamese letter and tone, composed (NFC)', () => {
    const text =
      'Ă Â Đ Ê Ô Ơ Ư ă â đ ê ô ơ ư à á ả ã ạ ằ ắ ẳ ẵ ặ ầ ấ ẩ ẫ ậ è é ẻ ẽ ẹ ề ế ể ễ ệ ì í ỉ ĩ ị ò ó ỏ õ ọ ồ ố ổ ỗ ộ ờ ớ ở ỡ ợ ù ú ủ ũ ụ ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ';
    expect(clean(text)).toBe(text);
    expect(clean(text.normalize('NFD'))).toBe(text);
  });

  it('keeps combining marks that survive NFC, spaces, tabs and newlines', () => {
    expect(clean('x\u0301\u0323 y')).toBe('x\u0301\u0323 y'.normalize('NFC'));
    expect(clean('Điều 1.\tPhạm vi\nĐiều 2.', true)).toBe('Điều 1.\tPhạm vi\nĐiều 2.');
  });
});
