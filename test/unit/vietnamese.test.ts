import { describe, expect, it } from 'vitest';
import { accentKey, canonicalTones, documentNumberKey, foldVietnamese, normaliseDocumentNumber, slugify } from '../../schema/text/vietnamese.ts';
import { cleanText } from '../../schema/text/input.ts';
import { HubError } from '../../schema/errors.ts';

describe('foldVietnamese', () => {
  it('removes diacritics and maps đ/Đ to d', () => {
    expect(foldVietnamese('Đường Nguyễn Tất Thành')).toBe('duong nguyen tat thanh');
    expect(foldVietnamese('Quyết định số')).toBe('quyet dinh so');
  });
  it('folds NFD input the same as NFC', () => {
    const nfd = 'Vĩnh Phúc'.normalize('NFD');
    expect(foldVietnamese(nfd)).toBe(foldVietnamese('Vĩnh Phúc'));
  });
});

describe('canonicalTones', () => {
  it.each([
    ['hòa', 'hoà'],
    ['Hòa Bình', 'Hoà Bình'],
    ['thủy', 'thuỷ'],
    ['khỏe', 'khoẻ'],
    ['quý', 'quý'],
    ['giữa', 'giữa'],
    ['người', 'người'],
    ['hoàng', 'hoàng'],
    ['tuyển', 'tuyển'],
    ['của', 'của'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalTones(input)).toBe(expected);
  });
  it('makes both placements one key but keeps tones apart from no tone', () => {
    expect(accentKey('Hòa')).toBe(accentKey('hoà'));
    expect(accentKey('hoa')).not.toBe(accentKey('hoà'));
  });
});

describe('document numbers', () => {
  it('normalises dash variants and spaces', () => {
    for (const dash of ['\u2010', '\u2013', '\u2014', '\u2212', '\uFE63', '\uFF0D']) {
      expect(normaliseDocumentNumber(`26/2017/QĐ${dash}UBND`)).toBe('26/2017/QĐ-UBND');
    }
    expect(normaliseDocumentNumber(' 26 / 2017 /QĐ - UBND ')).toBe('26/2017/QĐ-UBND');
  });
  it('indexes QĐ and QD the same', () => {
    expect(documentNumberKey('26/2017/QĐ-UBND')).toBe(documentNumberKey('26/2017/qd-ubnd'));
  });
  it('keeps "Không số"', () => {
    expect(normaliseDocumentNumber('Không  số')).toBe('Không số');
  });
});

describe('cleanText', () => {
  it('returns NFC and strips control characters', () => {
    const out = cleanText('Vi\u0303nh\u0000 Phu\u0301c', { field: 'title', max: 50 });
    expect(out).toBe('Vĩnh  Phúc'); // the NUL became a space
    expect(out.normalize('NFC')).toBe(out);
  });
  it('rejects too long input with a stable code', () => {
    try {
      cleanText('x'.repeat(11), { field: 'title', max: 10 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HubError);
      expect((e as HubError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title', reason: 'TOO_LONG' });
    }
  });
  it('counts characters, not UTF-16 units or bytes', () => {
    expect(cleanText('Đ'.repeat(10), { field: 't', max: 10 })).toHaveLength(10);
  });
});

describe('slugify', () => {
  it('makes ASCII slugs', () => {
    expect(slugify('Sở Thông tin và Truyền thông')).toBe('so-thong-tin-va-truyen-thong');
  });
});
