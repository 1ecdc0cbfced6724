// The operator figures the gateway reads from the graph for /metrics (gateway/observability/
// graph-status.ts): every upstream sync as one row with its lag, and R-17 compliance per agency.
import { describe, expect, it } from 'vitest';
import { complianceByAgency, currentHalf, syncRows } from '../../gateway/observability/graph-status.ts';

describe('syncRows', () => {
  const now = new Date('2026-06-01T10:00:00Z');
  it('lists the legal sources as the graph gives them and each configured services job with its lag', () => {
    const rows = syncRows(
      {
        legalSyncStatus: [{ system: 'NATIONAL_LEGAL_DB', configured: true, lastSuccessAt: null, lastErrorCode: null, consecutiveFailures: 0, lagSeconds: 120 }],
        servicesSyncStatus: [
          { job: 'catalogue', configured: true, lastSuccessAt: '2026-06-01T09:00:00Z', lastErrorCode: 'UPSTREAM_TIMEOUT', consecutiveFailures: 2 },
          { job: 'never-ran', configured: true, lastSuccessAt: null, lastErrorCode: null, consecutiveFailures: 0 },
          { job: 'retired', configured: false, lastSuccessAt: '2026-01-01T00:00:00Z', lastErrorCode: null, consecutiveFailures: 0 },
          null,
        ],
      },
      now,
    );
    expect(rows.map((r) => [r.system, r.lagSeconds, r.consecutiveFailures])).toEqual([
      ['NATIONAL_LEGAL_DB', 120, 0],
      ['services:catalogue', 3_600, 2],
      ['services:never-ran', null, 0],
    ]);
  });

  it('answers what it can when a subgraph is missing from the answer', () => {
    expect(syncRows({ legalSyncStatus: null }, now)).toEqual([]);
    expect(syncRows(undefined, now)).toEqual([]);
  });
});

describe('compliance', () => {
  it('is the on-time share of items with a deadline due, per agency, null with none due', () => {
    const rows = [
      { agencyId: 'a', onTime: 3, late: 1, overdue: 0, pending: 2 },
      { agencyId: 'a', onTime: 1, late: 0, overdue: 1, pending: 0 },
      { agencyId: 'b', onTime: 0, late: 0, overdue: 0, pending: 4 },
      { agencyId: null, onTime: 1, late: 0, overdue: 0, pending: 0 },
    ];
    const by = complianceByAgency(rows);
    expect(by.get('a')).toEqual({ onTime: 4, due: 6, rate: 4 / 6 });
    expect(by.get('b')).toEqual({ onTime: 0, due: 0, rate: null });
    expect(by.get('none')?.rate).toBe(1);
  });

  it('reports by the half-year in Viet Nam’s time zone', () => {
    expect(currentHalf(new Date('2026-06-30T17:00:00Z'))).toEqual({ year: 2026, half: 2 }); // 1 July 00:00 in Hà Nội
    expect(currentHalf(new Date('2026-06-30T16:59:59Z'))).toEqual({ year: 2026, half: 1 });
  });
});
