// How the hub's processes are started (`npm start`, `npm run start:gateway`, `start:subgraph`):
// the same settings are written in package.json's scripts (a unit test keeps the two equal) and
// used by the benchmarks, so they measure the hub as shipped.
//
// Why (BENCHMARKS.md, "Memory and start-up"):
// - `--max-semi-space-size=16` (MB): V8 sizes the young generation from the machine's memory; on a
//   24 GB machine Node 24 lets it grow to 2 × 64 MB and keeps it committed once grown (128 MB of
//   RSS, used or not). 16 MB semi-spaces (32 MB in all) hold a front-page request's garbage with
//   room to spare; the cost is more frequent scavenges, measured at a few per cent of gateway CPU.
// - `MALLOC_TRIM_THRESHOLD_=131072`: glibc's default trim threshold (128 KiB), pinned. Left
//   unset, glibc raises its mmap and trim thresholds each time a large block is freed, so after
//   start-up's big transient allocations (WebAssembly compilation of PGlite and Prisma's engines,
//   ~600 MB of malloc at the peak) later large blocks come from the heap and freed memory stays
//   in the process. Pinning it (any explicit value turns the dynamic thresholds off) returns freed
//   memory to the system: ~110 MB less RSS after boot. Ignored by other C libraries.
// - A subgraph run as its own process (`start:subgraph`) takes 64 MB semi-spaces instead: its CPU
//   per request is what a subgraph replica is sized by, and with 50 requests in flight the young
//   generation holds them all, so 16 MB scavenges often over a large live set (front page:
//   +12% subgraph CPU at 16 MB, +5% at 32 MB, against 64 MB, same-round ratios in
//   `bench:subgraph-cpu`); the price is up to ~100 MB more RSS per subgraph process.
// - A subgraph process also runs without V8's allocation-site pretenuring: under load a request's
//   context, loaders and their maps often outlive a scavenge, so V8 starts allocating them straight
//   in the old generation; every row a request then stores in them is kept through the next
//   scavenge by that (soon dead) old object and promoted. Measured one call at a time: 4–4.5 MB
//   promoted per scavenge and 5.5 ms pauses with it, 0.1 MB and 1.5 ms without; CPU per front page
//   0.92× with 50 in flight and 0.97× one at a time (`bench:subgraph-cpu`, 8 rounds).
export const NODE_FLAGS = ['--max-semi-space-size=16'] as const;
export const SUBGRAPH_NODE_FLAGS = ['--max-semi-space-size=64', '--no-allocation-site-pretenuring'] as const;
export const MALLOC_ENV = { MALLOC_TRIM_THRESHOLD_: '131072' } as const;

/** The package.json script prefix these settings make: `MALLOC_…=… <runner> <flags>` (runner: node). */
export const startPrefix = (runner: string, flags: readonly string[] = NODE_FLAGS): string =>
  `${Object.entries(MALLOC_ENV)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')} ${runner} ${flags.join(' ')}`;
