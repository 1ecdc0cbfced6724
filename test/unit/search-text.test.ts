// The one search's text rules, pure: query analysis (words, bigrams, exact number/code keys)
// and highlights cut from the display text whatever the tone placement or diacritics typed.
import { describe, expect, it } from 'vitest';
import { analyseQuery, foldForIndex } from '../../subgraphs/search/engine/text.ts';
import { highlights } from '../../subgraphs/search/engine/highlight.ts';

describe('analyseQuery', () => {
  it('folds, keys numbers with QĐ/QD and any dash the same, and pairs adjacent syllables', () => {
    for (const q of ['Quyết định 26/2017/QĐ-UBND', 'quyet dinh 26/2017/QD–UBND', 'quyết định 26 / 2017 / qđ ‑ ubnd']) {
      const a = analyseQuery(q)!;
      expect(a.numberKeys, q).toContain('26/2017/QD-UBND');
      expect(a.list.slice(0, 2), q).toEqual(['quyet', 'dinh']);
      expect(a.bigrams, q).toMatch(/^quyet <-> dinh \| dinh <-> 26/);
    }
  });

  it('makes either tone placement and no diacritics one key, đ as d', () => {
    expect(analyseQuery('hòa giải')!.words).toBe(analyseQuery('hoà giải')!.words);
    expect(analyseQuery('Đất đai')!.words).toBe('dat dai');
    expect(foldForIndex('Thuỷ lợi – QĐ/UBND')).toBe(foldForIndex('thủy lợi - qd/ubnd'));
  });

  it('keeps a procedure code whole, gives nothing for blank text, and lets no tsquery syntax through', () => {
    expect(analyseQuery('1.001612')!.numberKeys).toContain('1.001612');
    expect(analyseQuery('   ')).toBeNull();
    expect(analyseQuery(null)).toBeNull();
    const hostile = analyseQuery("a' | !b & (c) <-> d:*")!;
    expect(hostile.bigrams).toMatch(/^[a-z0-9 <>|-]+$/);
  });
});

describe('highlights', () => {
  it('marks the matched words in the display text, with its diacritics', () => {
    const [title] = highlights('Công nhận hoà giải viên', '', ['hoa', 'giai']);
    expect(title!.ranges.map((r) => title!.text.slice(r.start, r.start + r.length))).toEqual(['hoà', 'giải']);
  });

  it('marks only at the start of a word, and cuts a body snippet around the first match', () => {
    const body = `${'Mở đầu. '.repeat(40)}Nghị định 42/2022/NĐ-CP quy định về dịch vụ công trực tuyến.`;
    const [, snippet] = highlights('Tiêu đề', body, ['dich', 'vu', '42']);
    expect(snippet!.text.startsWith('…')).toBe(true);
    const marked = snippet!.ranges.map((r) => snippet!.text.slice(r.start, r.start + r.length));
    expect(marked).toEqual(['42', 'dịch', 'vụ']);
    expect(highlights('Hoạt động', '', ['dong'])[0]!.ranges).toHaveLength(1);
    expect(highlights('Cộng đồng', '', ['ong'])[0]!.ranges).toHaveLength(0);
  });
});
