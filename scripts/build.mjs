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
import { Buffer } from 'node:buffer';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
const INFO = path.join(DIST, 'build-info.json');

/** The entry points: `node scripts/run.mjs <name>` runs one; `hub` is the library (startHub) for the boot bench. */
export const ENTRIES = { start: 'scripts/start.ts', gateway: 'scripts/gateway.ts', subgraph: 'scripts/subgraph.ts', hub: 'scripts/hub.ts' };

/** Files outside the bundle's inputs whose change makes dist/ stale. */
const ALSO = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];

/**
 * npm packages left out of the bundle and loaded from node_modules at run time: those that locate
 * files next to their own module at run time (PGlite's WebAssembly and data files, the schema
 * engine's WebAssembly, pino's worker-thread transports), and esbuild itself.
 */
export const EXTERNAL = ['@electric-sql/*', '@prisma/schema-engine-wasm', 'pino', 'pino-*', 'thread-stream', 'esbuild', 'class-validator'];

// In an ES module there is no `require`: the CommonJS packages bundled call it for Node's own
// modules (and the few lazy loads of external packages), resolved from dist/ like any import.
// `__bundleDir` (dist/) is where a bundled package's own `__dirname` is computed from.
const BANNER =
  "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url); const __bundleDir = import.meta.dirname;";

/**
 * Requires of bundled packages made lazy (loaded on first use instead of with the module that
 * names them): @apollo/gateway loads the OpenTelemetry metrics SDK, an OTLP exporter and five
 * cloud resource detectors (~0.1–0.2 s of every start) only for its usage telemetry, which the
 * hub turns off (APOLLO_TELEMETRY_DISABLED); they load if it is ever turned on.
 */
const LAZY_REQUIRES = {
  '@apollo/gateway/dist/utilities/opentelemetry.js': [
    '@opentelemetry/sdk-metrics',
    '@opentelemetry/resource-detector-alibaba-cloud',
    '@opentelemetry/resource-detector-aws',
    '@opentelemetry/resource-detector-gcp',
    '@opentelemetry/resource-detector-azure',
    '@opentelemetry/resources',
    '@opentelemetry/exporter-metrics-otlp-http',
  ],
};
const LAZY =
  'const __lazyRequire = (load) => { let m; return new Proxy({}, { get: (_, key) => (m ??= load())[key], has: (_, key) => key in (m ??= load()) }); };\n';

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
 * The npm packages bundled: a CommonJS file that reads `__dirname` / `__filename` gets its own
 * location in node_modules (relative to dist/, so files it reads next to itself still resolve),
 * an ES module's `import.meta.url` likewise; LAZY_REQUIRES applied. `punycode` is the npm
 * package (as tr46 means it), not Node's deprecated built-in one.
 */
const packages = (outdir) => ({
  name: 'packages',
  setup(build) {
    const fromRoot = createRequire(path.join(ROOT, 'package.json'));
    build.onResolve({ filter: /^punycode$/ }, () => ({ path: fromRoot.resolve('punycode/') }));
    // Prisma's query compiler ships as a module exporting its WebAssembly as base64 (4.5 MB of
    // JavaScript to load, then decoded on the first query): the binary is written next to the
    // bundle instead and read from there. The generated client's `Buffer.from(wasm, 'base64')`
    // copies a buffer as it is (an encoding applies to strings only).
    build.onLoad({ filter: /[\\/]@prisma[\\/]client[\\/]runtime[\\/][^\\/]+\.wasm-base64\.mjs$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const base64 = /^const wasm = "([A-Za-z0-9+/=]+)";?\s*$/m.exec(text)?.[1];
      if (!base64) throw new Error(`build: ${args.path} no longer exports its WebAssembly as \`const wasm = "…"\``);
      const name = path.basename(args.path).replace(/\.wasm-base64\.mjs$/, '.wasm');
      await mkdir(outdir, { recursive: true });
      await writeFile(path.join(outdir, name), Buffer.from(base64, 'base64'));
      return {
        contents: `import { readFileSync } from 'node:fs';\nexport const wasm = readFileSync(new URL(${JSON.stringify(`./${name}`)}, import.meta.url));\n`,
        loader: 'js',
      };
    });
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      const pkgPath = args.path.split(`${path.sep}node_modules${path.sep}`).pop().split(path.sep).join('/');
      const lazy = LAZY_REQUIRES[pkgPath];
      const dirname = /\b__dirname\b/.test(text) && !/\b(?:var|let|const|function)\s+__dirname\b/.test(text);
      const filename = /\b__filename\b/.test(text) && !/\b(?:var|let|const|function)\s+__filename\b/.test(text);
      const meta = /\bimport\.meta\.(url|dirname|filename)\b/.test(text);
      if (!lazy && !dirname && !filename && !meta) return undefined;
      const rel = path.relative(outdir, args.path).split(path.sep).join('/');
      if (lazy) {
        for (const name of lazy) {
          const at = text.indexOf(`require("${name}")`);
          if (at < 0) throw new Error(`build: ${pkgPath} no longer requires ${name} (LAZY_REQUIRES in scripts/build.mjs)`);
          text = text.replace(`require("${name}")`, `__lazyRequire(() => require("${name}"))`);
        }
        text = LAZY + text;
      }
      const own = `process.getBuiltinModule('node:path').join(__bundleDir, ${JSON.stringify(rel)})`;
      const decl = [...(filename ? [`__filename = ${own}`] : []), ...(dirname ? [`__dirname = process.getBuiltinModule('node:path').dirname(${own})`] : [])];
      if (decl.length) text = `var ${decl.join(', ')};\n${text}`;
      if (meta) {
        const url = `new URL(${JSON.stringify(rel)}, import.meta.url)`;
        const file = `process.getBuiltinModule('node:url').fileURLToPath(${url})`;
        text = text.replace(META, (_m, what) =>
          what === 'url' ? `${url}.href` : what === 'filename' ? file : `process.getBuiltinModule('node:path').dirname(${file})`,
        );
      }
      return { contents: text, loader: 'js' };
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
    external: EXTERNAL,
    banner: { js: BANNER },
    sourcemap: 'linked',
    sourcesContent: false,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    plugins: [sourceLocation(outdir), packages(outdir)],
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
