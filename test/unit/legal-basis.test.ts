import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { citedNumberKey, toLegalBasis } from '../../subgraphs/kit/legal-basis.ts';

describe('citedNumberKey', () => {
  it.each([
    ['26/2017/QĐ-UBND', '26/2017/QD-UBND'],
    ['Quyết định số 26/2017/QĐ-UBND ngày 14/7/2017 của UBND tỉnh Vĩnh Phúc', '26/2017/QD-UBND'],
    ['Luật Đất đai (31/2024/QH15).', '31/2024/QH15'],
    ['Nghị định 42/2022/NĐ – CP', '42/2022/ND-CP'],
  ])('%s → %s', (text, key) => {
    expect(citedNumberKey(text)).toBe(key);
  });

  it('finds nothing in a citation without a number', () => {
    expect(citedNumberKey('Luật Tổ chức chính quyền địa phương')).toBeNull();
    expect(toLegalBasis('Luật Tổ chức chính quyền địa phương')).toEqual({ text: 'Luật Tổ chức chính quyền địa phương', document: null });
  });
});
