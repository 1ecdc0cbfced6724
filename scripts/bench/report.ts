// The bench's table (plain text, fixed-width) and its JSON file.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResult } from './run.ts';

function table(header: string[], rows: string[][], rightAlignFrom = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= rightAlignFrom ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fixed = (n: number, digits = 2) => n.toFixed(digits);

export function formatReport(r: BenchResult): string {
  const o = r.options;
  const out: string[] = [];
  out.push(
    `Cổng hub bench — ${r.startedAt} — Node ${r.machine.node}, ${r.machine.cpus} CPU (${r.machine.cpuModel}), load ${r.machine.loadAvgStart.map((x) => x.toFixed(2)).join(' ')}`,
    `${o.connections} connections, ${o.seconds} s per scenario in ${Math.ceil(o.seconds / o.sliceSeconds)} interleaved slices, ${o.warmupSeconds} s warm-up; database: ${r.hub.database === 'embedded' ? 'embedded PGlite' : 'PostgreSQL server'}; hub RSS after start ${r.hub.rssAfterStartMb} MB`,
    '',
  );
  out.push(
    table(
      ['scenario', 'RPS', 'slices (RPS)', 'p50 ms', 'p99 ms', 'mean ms', 'err', 'non2xx', 'gql err', 'CPU ms/req', 'loop busy', 'RSS peak MB', 'RSS mean MB'],
      r.scenarios.map((s) => [
        s.label,
        fixed(s.rps, 0),
        s.sliceRps.map((x) => x.toFixed(0)).join('/'),
        fixed(s.latency.p50Ms),
        fixed(s.latency.p99Ms),
        fixed(s.latency.meanMs),
        String(s.errors),
        String(s.non2xx),
        String(s.graphqlErrors),
        fixed(s.cpuMsPerRequest, 3),
        `${Math.round(s.eventLoopUtilization * 100)}%`,
        fixed(s.rssPeakMb, 1),
        fixed(s.rssMeanMb, 1),
      ]),
    ),
    '',
  );
  if (r.ratios.length) {
    out.push(
      table(
        ['ratio', 'RPS', 'p50', 'p99', 'CPU/req'],
        r.ratios.map((x) => [x.label, fixed(x.rps), fixed(x.p50), fixed(x.p99), fixed(x.cpuPerRequest)]),
      ),
      '',
    );
  }
  out.push(...r.hub.notes.map((n) => `· ${n}`));
  out.push(`· Latencies are measured by the load generator over every response; RSS is sampled every 100 ms in the hub process.`);
  return out.join('\n');
}

export async function writeResult(r: BenchResult, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(r, null, 2)}\n`);
}
