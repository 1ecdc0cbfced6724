// The contract constants the gateway and the subgraphs share.
import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../gateway/config.ts';
import { MAX_PAGE_SIZE } from '../../schema/contract/paging.ts';
import { isAdmin, isBoard, isStaff } from '../../schema/contract/roles.ts';

describe('page size', () => {
  it('a gateway configured above the subgraphs’ maximum page size refuses to boot', () => {
    expect(() => readGatewayConfig({ MAX_PAGE_SIZE: String(MAX_PAGE_SIZE + 1) })).toThrow(/MAX_PAGE_SIZE may not exceed/);
    expect(readGatewayConfig({ MAX_PAGE_SIZE: '50' }).limits.pageSize).toBe(50);
    expect(readGatewayConfig({}).limits.pageSize).toBe(MAX_PAGE_SIZE);
  });
});

describe('roles', () => {
  it.each([
    [['EDITOR'], true, false, false],
    [['BOARD'], true, true, false],
    [['ADMIN'], true, true, true],
    [['PARTNER'], false, false, false],
    [[], false, false, false],
  ])('%j: staff %s, board %s, admin %s', (roles, staff, board, admin) => {
    const actor = { roles };
    expect([isStaff(actor), isBoard(actor), isAdmin(actor)]).toEqual([staff, board, admin]);
  });
});
