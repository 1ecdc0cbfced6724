// The build: the hub's entry points bundled to JavaScript in dist/ (not committed) with source maps,
// so production start runs plain JavaScript on Node instead of transpiling TypeScript at run time
// (tsx) — on a warm boot that was most of the time to a listening gateway (BENCHMARKS.md).
//
//   node scripts/build.mjs          build (npm run build)
//   node scripts/build.mjs --check  exit 1 when dist/ is missing or older than its sources
//
// esbuild (tsx's own transpiler, so the code behaves exactly as under tsx and vitest): our code
// and the generated Prisma client in one bundle, split in chunks so what a boot does not need
// (the fake upstreams, …) stays unloaded; npm packages stay external and resolve from
// node_modules as before. Decorator metadata is not emitted (esbuild does not, nor tsx): every
// type-graphql decorator names its type explicitly. `import.meta.url` / `dirname` / `filename`
// in our sources are rewritten to the source file's location relative to the bundle, so files
// read next to a module (the supergraph, WSDLs, seed CSVs, the IDE's dist) still resolve.
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
const INFO = path.join(DIST, 'build-info.json');

/** The entry points: `node scripts/run.mjs <name>` runs one; `hub` is the library (startHub) for the boot bench. */
export const ENTRIES = { start: 'scripts/start.ts', gateway: 'scripts/gateway.ts', subgraph: 'scripts/subgraph.ts', hub: 'scripts/hub.ts' };

/** Files outside the bundle's inputs whose change makes dist/ stale. */
const ALSO = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];

const META = /\bimport\.meta\.(url|dirname|filename)\b/g;

/** Rewrites import.meta.* in our own sources to the source file's location, relative to the output. */
const sourceLocation = (outdir) => ({
  name: 'source-location',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (args.path.includes(`${path.sep}node_modules${path.sep}`) || !text.includes('import.meta')) return { contents: text, loader: 'ts' };
      const rel = JSON.stringify(path.relative(outdir, args.path).split(path.sep).join('/'));
      const url = `new URL(${rel}, import.meta.url)`;
      const file = `process.getBuiltinModule('node:url').fileURLToPath(${url})`;
      const contents = text.replace(META, (_m, what) =>
        what === 'url' ? `${url}.href` : what === 'filename' ? file : `process.getBuiltinModule('node:path').dirname(${file})`,
      );
      return { contents, loader: 'ts' };
    });
  },
});

/**
 * Bundle the entry points into dist/ (or `outdir`: inside the checkout, so npm packages resolve
 * from its node_modules); returns how long it took (ms).
 */
export async function build({ quiet = false, outdir = DIST } = {}) {
  const started = Date.now();
  const esbuild = await import('esbuild');
  await rm(outdir, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    plugins: [sourceLocation(outdir)],
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
  });
  // Never committed: the folder ignores itself (no entry in the root .gitignore needed).
  await writeFile(path.join(outdir, '.gitignore'), '*\n');
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  await writeFile(
    path.join(outdir, 'build-info.json'),
    JSON.stringify({ root: ROOT, builtAt: started, esbuild: esbuild.version, inputs: [...inputs, ...ALSO] }, null, 1),
  );
  const ms = Math.round(Date.now() - started);
  if (!quiet) console.log(`built ${Object.keys(ENTRIES).join(', ')} into ${path.relative(ROOT, outdir)}/ from ${inputs.length} files in ${ms} ms`);
  return ms;
}

/**
 * Whether dist/ is the build of the current sources: built here, and none of the files it was
 * built from (every bundled source, package.json, the lock file, tsconfig, this script) changed
 * since. A new file matters only once a bundled file imports it, so the inputs suffice.
 */
export async function isFresh() {
  let info;
  try {
    info = JSON.parse(await readFile(INFO, 'utf8'));
  } catch {
    return false;
  }
  if (info.root !== ROOT || !Array.isArray(info.inputs)) return false;
  const times = await Promise.all(
    info.inputs.map((f) =>
      stat(path.join(ROOT, f)).then(
        (s) => s.mtimeMs,
        () => Infinity,
      ),
    ),
  );
  return times.every((t) => t <= info.builtAt);
}

/** Build unless dist/ is fresh; answers whether it built. */
export async function ensureBuilt() {
  if (await isFresh()) return false;
  await build({ quiet: true });
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--check')) {
    const fresh = await isFresh();
    console.log(fresh ? 'dist/ is up to date' : 'dist/ is missing or stale: npm run build');
    process.exit(fresh ? 0 : 1);
  }
  await build();
}
