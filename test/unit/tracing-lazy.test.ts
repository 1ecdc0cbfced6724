// With tracing off (the default) no process of the hub loads OpenTelemetry's SDK or Prisma's
// instrumentation (schema/observability/tracing.ts): ~5 MB of heap and ~14 MB of RSS each
// (BENCHMARKS.md "Memory and start-up"). Checked in a fresh process that imports the gateway.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROBE = `
await import('./gateway/server.ts');
const { createRequire } = await import('node:module');
const cache = Object.keys(createRequire(import.meta.url).cache);
console.log(JSON.stringify({ total: cache.length, sdk: cache.filter((k) => /@opentelemetry[\\\\/](sdk-trace-node|sdk-trace-base|exporter-trace-otlp-http)[\\\\/]|@prisma[\\\\/]instrumentation[\\\\/]/.test(k)) }));
`;

describe('tracing off', () => {
  it('importing the gateway loads no part of the tracing SDK', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const { total, sdk } = JSON.parse(out.trim().split('\n').pop()!) as { total: number; sdk: string[] };
    expect(total).toBeGreaterThan(100); // the probe sees the modules the gateway loaded
    expect(sdk).toEqual([]);
  });
});
