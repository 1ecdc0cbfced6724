// Operational figures that live in the graph (sync state per upstream, R-17 deadline compliance
// per agency): read through the gateway's own executor as an internal operator, so they are the
// same numbers the console shows and work whichever process a subgraph runs in. Cached for
// `ttlMs`: a scrape every few seconds must not become a report query every few seconds.
import { Gauge, Registry } from 'prom-client';
import { cacheLookup } from '../../schema/observability/metrics.ts';

/** The request id of the gateway's own status reads. */
export const OPERATOR_STATUS_REQUEST = 'operator-status';

export type RunGraph = (query: string, variables?: Record<string, unknown>) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly unknown[] }>;

export const SYNC_QUERY = `query HubOperatorSync { legalSyncStatus { system configured lastSuccessAt lastErrorAt lastErrorCode consecutiveFailures lagSeconds records } servicesSyncStatus { job configured lastSuccessAt lastErrorCode consecutiveFailures } }`;

interface ServicesSyncRow {
  job: string;
  configured: boolean;
  lastSuccessAt: string | null;
  lastErrorCode: string | null;
  consecutiveFailures: number;
}

/** Every upstream sync as one row: the legal sources, and the services jobs as `services:<job>` (`services:<system>:<feed>`) (lag from their last success). */
export function syncRows(data: Record<string, unknown> | null | undefined, now: Date): SyncRow[] {
  const legal = ((data?.legalSyncStatus as SyncRow[] | undefined) ?? []).filter(Boolean);
  const services = ((data?.servicesSyncStatus as (ServicesSyncRow | null)[] | undefined) ?? [])
    .filter((r): r is ServicesSyncRow => Boolean(r?.configured))
    .map((r) => ({
      system: `services:${r.job}`,
      configured: r.configured,
      lastSuccessAt: r.lastSuccessAt,
      lastErrorCode: r.lastErrorCode,
      consecutiveFailures: r.consecutiveFailures,
      lagSeconds: r.lastSuccessAt ? Math.max(0, Math.round((now.getTime() - Date.parse(r.lastSuccessAt)) / 1000)) : null,
    }));
  return [...legal, ...services];
}
export const COMPLIANCE_QUERY = `query HubOperatorCompliance($year: Int!, $half: Int!) { provisionReport(year: $year, half: $half) { from to asOf rows { agencyId onTime late overdue pending } } agencies(first: 100) { nodes { id code } } }`;

export interface SyncRow {
  system: string;
  configured: boolean;
  lastSuccessAt: string | null;
  lastErrorCode: string | null;
  consecutiveFailures: number;
  lagSeconds: number | null;
}

export interface ComplianceRow {
  agencyId: string | null;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
}

/** The current half-year (R-17 reports by half-year) in Vietnam's time zone. */
export function currentHalf(now: Date): { year: number; half: 1 | 2 } {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  return { year: local.getUTCFullYear(), half: local.getUTCMonth() < 6 ? 1 : 2 };
}

/** On-time share per agency: onTime / (onTime + late + overdue), null with no deadline due. */
export function complianceByAgency(rows: ComplianceRow[]): Map<string, { onTime: number; due: number; rate: number | null }> {
  const out = new Map<string, { onTime: number; due: number; rate: number | null }>();
  for (const row of rows) {
    const key = row.agencyId ?? 'none';
    const acc = out.get(key) ?? { onTime: 0, due: 0, rate: null };
    acc.onTime += row.onTime;
    acc.due += row.onTime + row.late + row.overdue;
    acc.rate = acc.due ? acc.onTime / acc.due : null;
    out.set(key, acc);
  }
  return out;
}

export function createGraphStatus(run: RunGraph, opts: { ttlMs?: number; now?: () => Date } = {}) {
  const ttlMs = opts.ttlMs ?? 30_000;
  const now = opts.now ?? (() => new Date());
  // Per gateway (tests run several in one process); merged with the process registry at scrape.
  const registry = new Registry();
  let cached: { at: number; value: Promise<{ sync: SyncRow[]; compliance: ComplianceRow[]; codes: Map<string, string> }> } | undefined;
  const read = () => {
    const t = now().getTime();
    const hit = Boolean(cached && t - cached.at < ttlMs);
    cacheLookup('operator_status', hit);
    if (!cached || !hit) {
      const { year, half } = currentHalf(now());
      const value = Promise.all([run(SYNC_QUERY), run(COMPLIANCE_QUERY, { year, half })]).then(([s, c]) => ({
        sync: syncRows(s.data, now()),
        compliance: ((c.data?.provisionReport as { rows?: ComplianceRow[] } | undefined)?.rows ?? []).filter(Boolean),
        codes: new Map(
          ((c.data?.agencies as { nodes?: ({ id: string; code: string | null } | null)[] } | undefined)?.nodes ?? [])
            .filter((a): a is { id: string; code: string } => Boolean(a?.code))
            .map((a) => [a.id, a.code]),
        ),
      }));
      cached = { at: t, value };
      value.catch(() => (cached = undefined));
    }
    return cached.value;
  };

  new Gauge({
    name: 'hub_sync_lag_seconds',
    help: 'Seconds since the last successful sync of each upstream source (absent: never synced).',
    labelNames: ['source'] as const,
    registers: [registry],
    async collect() {
      const { sync } = await read().catch(() => ({ sync: [] as SyncRow[] }));
      this.reset();
      for (const row of sync) if (row.lagSeconds !== null) this.set({ source: row.system }, row.lagSeconds);
    },
  });
  new Gauge({
    name: 'hub_sync_consecutive_failures',
    help: 'Failed sync runs since the last success, per upstream source.',
    labelNames: ['source'] as const,
    registers: [registry],
    async collect() {
      const { sync } = await read().catch(() => ({ sync: [] as SyncRow[] }));
      this.reset();
      for (const row of sync) this.set({ source: row.system }, row.consecutiveFailures);
    },
  });
  new Gauge({
    name: 'hub_deadline_on_time_ratio',
    help: 'R-17: share of items with a deadline delivered on time in the current half-year, per agency (its QCVN 102 code; the id when it has none).',
    labelNames: ['agency'] as const,
    registers: [registry],
    async collect() {
      const { compliance, codes } = await read().catch(() => ({ compliance: [] as ComplianceRow[], codes: new Map<string, string>() }));
      this.reset();
      for (const [agency, c] of complianceByAgency(compliance)) if (c.rate !== null) this.set({ agency: codes.get(agency) ?? agency }, c.rate);
    },
  });
  new Gauge({
    name: 'hub_deadline_items',
    help: 'R-17: items with a deadline in the current half-year per agency (code) and outcome: on_time, late, overdue, pending.',
    labelNames: ['agency', 'outcome'] as const,
    registers: [registry],
    async collect() {
      const { compliance, codes } = await read().catch(() => ({ compliance: [] as ComplianceRow[], codes: new Map<string, string>() }));
      this.reset();
      const by = new Map<string, Record<'on_time' | 'late' | 'overdue' | 'pending', number>>();
      for (const row of compliance) {
        const agency = row.agencyId ? (codes.get(row.agencyId) ?? row.agencyId) : 'none';
        const acc = by.get(agency) ?? { on_time: 0, late: 0, overdue: 0, pending: 0 };
        acc.on_time += row.onTime;
        acc.late += row.late;
        acc.overdue += row.overdue;
        acc.pending += row.pending;
        by.set(agency, acc);
      }
      for (const [agency, acc] of by) for (const [outcome, n] of Object.entries(acc)) this.set({ agency, outcome }, n);
    },
  });
  return { read, registry };
}
