// Checks a candidate subgraph schema before it goes live, for the hub's developers and for a
// partner agency's CI:
//   npm run subgraph:check -- <name> <sdl file | http(s) URL> [--allow-breaking]
// 1. composes it with the current subgraphs (the committed schema/subgraphs/*.graphql and
//    partners/*.graphql, the candidate replacing its namesake): composition errors with hints;
// 2. lists breaking (and dangerous) changes of the public API against the current supergraph
//    (graphql-js findBreakingChanges): breaking ones fail unless --allow-breaking;
// 3. validates every known operation (the GraphQL IDE's examples and schema/operations/*.graphql,
//    the frontend's) against the result.
// A partner's subgraph also may not take fields over from another (@override).
// Exit code 0 = it may be published (`npm run compose`), 1 = not, 2 = usage.
// A URL is asked for `{ _service { sdl } }`, signed as the gateway would for <name>
// (GATEWAY_SIGNING_KEYS, the development key by default: point it at a development instance).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import {
  BreakingChangeType,
  DangerousChangeType,
  findBreakingChanges,
  findDangerousChanges,
  parse,
  print,
  separateOperations,
  validate,
  visit,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { EXAMPLES } from '../gateway/ide/examples.ts';
import { readRegistry, type SubgraphRegistry } from '../gateway/subgraph-registry.ts';
import { signGatewayRequest } from '../schema/security/gateway-signature.ts';
import { DEV_SIGNING_KEY, parseSigningKeys } from '../schema/security/keys.ts';
import { encodeContext } from '../schema/security/signed-context.ts';

const SCHEMA_DIR = path.resolve(import.meta.dirname, '../schema');
const SUBGRAPH_DIR = path.join(SCHEMA_DIR, 'subgraphs');
const OPERATIONS_DIR = path.join(SCHEMA_DIR, 'operations');
const FETCH_TIMEOUT_MS = 10_000;
const MAX_SDL_BYTES = 2_000_000;

export interface Subgraph {
  name: string;
  sdl: string;
}

export interface KnownOperation {
  /** Where it comes from and its name: "ide: Tin mới / Latest news", "frontend.graphql: AgencyPage". */
  source: string;
  document: string;
}

export interface CheckReport {
  ok: boolean;
  composition: { errors: { code: string; message: string; hint?: string }[]; hints: string[] };
  policy: string[];
  breaking: { type: string; description: string }[];
  dangerous: { type: string; description: string }[];
  operations: { source: string; errors: string[] }[];
  /** The registry has no entry for the candidate yet (needed before compose routes to it). */
  unregistered: boolean;
}

/** What to do about the composition errors a newcomer meets most (Federation 2 error codes). */
const HINTS: Record<string, string> = {
  INVALID_FIELD_SHARING:
    'Two subgraphs resolve the same field. Rename yours, or, if both return the same value, mark the field @shareable in every subgraph that declares it.',
  FIELD_TYPE_MISMATCH: 'A field has a different type here than in the subgraph that owns it: declare the same type (or leave the field to its owner).',
  TYPE_KIND_MISMATCH: 'A type of the same name is another kind elsewhere (object vs interface vs input): rename yours, e.g. with your agency prefix.',
  EXTERNAL_MISSING_ON_BASE: 'A field marked @external is not defined by any other subgraph: check its name against the supergraph.',
  KEY_FIELDS_SELECT_INVALID_TYPE: 'A @key may only select fields of scalar, enum or object types (no lists of objects, no interfaces).',
  INVALID_GRAPHQL: 'The SDL does not parse or is not valid GraphQL: run it through a GraphQL validator first.',
  SATISFIABILITY_ERROR:
    'Some query could not be planned: a field you add is reachable only from a type no other subgraph can resolve. Extend an entity by a @key the owner also declares (Agency: "id" or "code").',
  UNKNOWN_FEDERATION_LINK_VERSION: 'Use a Federation 2 link: extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]).',
  ROOT_QUERY_USED: 'Name the root query type Query (or declare it with `schema { query: … }`).',
  EMPTY_MERGED_ENUM_TYPE: 'An enum shared by subgraphs ends up with no common value: give it the same values everywhere or rename yours.',
  ENUM_VALUE_MISMATCH: 'An enum used as an input and an output must have the same values in every subgraph that declares it.',
  REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH: 'A required argument must be declared by every subgraph that declares the field.',
  DIRECTIVE_DEFINITION_INVALID: 'A directive is defined differently than the federation spec expects: import it from the @link instead of defining it.',
};

/** The hub's current subgraphs, as committed (what the gateway serves). */
export async function currentSubgraphs(dir = SUBGRAPH_DIR): Promise<Subgraph[]> {
  const read = async (folder: string) =>
    Promise.all(
      (await readdir(folder).catch(() => [] as string[]))
        .filter((f) => f.endsWith('.graphql'))
        .sort()
        .map(async (f) => ({ name: f.replace(/\.graphql$/, ''), sdl: await readFile(path.join(folder, f), 'utf8') })),
    );
  return [...(await read(dir)), ...(await read(path.join(dir, 'partners')))];
}

/** The IDE's examples and every operation of schema/operations/*.graphql, one per operation. */
export async function knownOperations(dir = OPERATIONS_DIR): Promise<KnownOperation[]> {
  const out: KnownOperation[] = Object.entries(EXAMPLES).map(([name, document]) => ({ source: `ide: ${name}`, document }));
  for (const file of (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.graphql')).sort()) {
    const doc = parse(await readFile(path.join(dir, file), 'utf8'));
    for (const [name, op] of Object.entries(separateOperations(doc))) out.push({ source: `${file}: ${name}`, document: print(op) });
  }
  return out;
}

function apiSchemaOf(subgraphs: Subgraph[]): { schema?: GraphQLSchema; errors: CheckReport['composition']['errors']; hints: string[] } {
  let docs: { name: string; url: string; typeDefs: DocumentNode }[];
  try {
    docs = subgraphs.map((s) => ({ name: s.name, url: `http://${s.name}.subgraph.invalid/graphql`, typeDefs: parse(s.sdl) }));
  } catch (err) {
    const message = (err as GraphQLError).message;
    return { errors: [{ code: 'INVALID_GRAPHQL', message, hint: HINTS.INVALID_GRAPHQL }], hints: [] };
  }
  const result = composeServices(docs);
  if (result.errors) {
    const errors = result.errors.map((e) => {
      const code = String(e.extensions?.code ?? 'COMPOSITION_ERROR');
      return { code, message: e.message, hint: HINTS[code] };
    });
    return { errors, hints: [] };
  }
  return { schema: result.schema.toAPISchema().toGraphQLJSSchema(), errors: [], hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`) };
}

const composed = new WeakMap<Subgraph[], ReturnType<typeof apiSchemaOf>>();
/** The current composition, computed once per list (checking several candidates in a row). */
function composedOnce(subgraphs: Subgraph[]): ReturnType<typeof apiSchemaOf> {
  if (!composed.has(subgraphs)) composed.set(subgraphs, apiSchemaOf(subgraphs));
  return composed.get(subgraphs)!;
}

/**
 * What a partner's subgraph may not do, beside composing:
 * - take a field over from the subgraph that resolves it (@override);
 * - add a non-null field to an entity another subgraph owns: when the partner is down, a null
 *   there would null the whole entity (an agency page losing its name for a partner's outage).
 */
export function policyViolations(candidate: Subgraph, others: Subgraph[], registry: SubgraphRegistry): string[] {
  if (registry.get(candidate.name)?.trust === 'core') return [];
  let doc: DocumentNode;
  try {
    doc = parse(candidate.sdl);
  } catch {
    return []; // composition reports it
  }
  const elsewhere = new Set<string>();
  for (const other of others) {
    try {
      for (const d of parse(other.sdl).definitions) if ('name' in d && d.name && d.kind.startsWith('Object')) elsewhere.add(d.name.value);
    } catch {
      // the current subgraphs compose (checked before)
    }
  }
  const out = new Set<string>();
  visit(doc, {
    Directive(node) {
      if (node.name.value === 'override') out.add('@override: a partner subgraph may not take a field over from the subgraph that resolves it.');
    },
  });
  for (const def of doc.definitions) {
    if ((def.kind !== 'ObjectTypeDefinition' && def.kind !== 'ObjectTypeExtension') || !elsewhere.has(def.name.value)) continue;
    const keys = (def.directives ?? []).filter((d) => d.name.value === 'key');
    if (!keys.length) continue;
    const keyFields = new Set(
      keys.flatMap((k) => {
        const arg = k.arguments?.find((a) => a.name.value === 'fields')?.value;
        return arg?.kind === 'StringValue' ? arg.value.split(/[\s{}]+/).filter(Boolean) : [];
      }),
    );
    for (const field of def.fields ?? []) {
      const external = field.directives?.some((d) => d.name.value === 'external');
      if (field.type.kind === 'NonNullType' && !keyFields.has(field.name.value) && !external) {
        out.add(
          `${def.name.value}.${field.name.value}: a field a partner adds to an entity of another subgraph must be nullable (its outage would null the ${def.name.value}).`,
        );
      }
    }
  }
  return [...out];
}

export async function checkSubgraph(input: {
  candidate: Subgraph;
  current: Subgraph[];
  operations: KnownOperation[];
  registry: SubgraphRegistry;
  allowBreaking?: boolean;
}): Promise<CheckReport> {
  const { candidate } = input;
  const next = [...input.current.filter((s) => s.name !== candidate.name), candidate].sort((a, b) => a.name.localeCompare(b.name));
  const before = composedOnce(input.current);
  if (!before.schema) throw new Error(`the current subgraphs do not compose: ${before.errors.map((e) => e.message).join('; ')}`);
  const after = apiSchemaOf(next);
  const policy = policyViolations(
    candidate,
    input.current.filter((c) => c.name !== candidate.name),
    input.registry,
  );
  const report: CheckReport = {
    ok: false,
    // Only what the candidate brings: hints the current composition already gives are not news.
    composition: { errors: after.errors, hints: after.hints.filter((h) => !before.hints.includes(h)) },
    policy,
    breaking: [],
    dangerous: [],
    operations: [],
    unregistered: !input.registry.has(candidate.name),
  };
  if (after.schema) {
    report.breaking = findBreakingChanges(before.schema, after.schema).map((c) => ({ type: c.type satisfies BreakingChangeType, description: c.description }));
    report.dangerous = findDangerousChanges(before.schema, after.schema).map((c) => ({
      type: c.type satisfies DangerousChangeType,
      description: c.description,
    }));
    for (const op of input.operations) {
      let errors: string[];
      try {
        errors = validate(after.schema, parse(op.document)).map((e) => e.message);
      } catch (err) {
        errors = [(err as Error).message];
      }
      report.operations.push({ source: op.source, errors });
    }
  }
  report.ok =
    after.schema !== undefined &&
    policy.length === 0 &&
    (input.allowBreaking || report.breaking.length === 0) &&
    report.operations.every((o) => o.errors.length === 0);
  return report;
}

/** The candidate's SDL: a file, or a subgraph's `_service { sdl }` (signed for `name`). */
export async function readCandidate(name: string, source: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (!/^https?:\/\//.test(source)) return readFile(source, 'utf8');
  const body = JSON.stringify({ query: '{ _service { sdl } }' });
  const key = parseSigningKeys(env.GATEWAY_SIGNING_KEYS ?? DEV_SIGNING_KEY)[0]!;
  const context = encodeContext({ requestId: 'subgraph-check', actor: { roles: [] } });
  const headers = signGatewayRequest(key, { method: 'POST', url: source, audience: name, context, body });
  const res = await fetch(source, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  const text = await res.text();
  if (text.length > MAX_SDL_BYTES) throw new Error(`${source} answered more than ${MAX_SDL_BYTES} bytes`);
  if (!res.ok) throw new Error(`${source} answered HTTP ${res.status}${res.status === 401 ? ' (does it trust this gateway key? GATEWAY_SIGNING_KEYS)' : ''}`);
  const sdl = (JSON.parse(text) as { data?: { _service?: { sdl?: unknown } } }).data?._service?.sdl;
  if (typeof sdl !== 'string') throw new Error(`${source} did not answer { _service { sdl } }`);
  return sdl;
}

export function formatReport(name: string, r: CheckReport): string {
  const lines: string[] = [];
  if (r.composition.errors.length) {
    lines.push(`✗ ${name} does not compose with the current supergraph:`);
    for (const e of r.composition.errors) lines.push(`  - [${e.code}] ${e.message}`, ...(e.hint ? [`    hint: ${e.hint}`] : []));
  } else lines.push(`✓ ${name} composes with the current supergraph`);
  for (const h of r.composition.hints) lines.push(`  hint: ${h}`);
  for (const p of r.policy) lines.push(`✗ policy: ${p}`);
  if (!r.composition.errors.length) {
    if (r.breaking.length) {
      lines.push(`✗ ${r.breaking.length} breaking change(s) against the current schema:`);
      for (const c of r.breaking) lines.push(`  - [${c.type}] ${c.description}`);
    } else lines.push('✓ no breaking change against the current schema');
    for (const c of r.dangerous) lines.push(`  ! [${c.type}] ${c.description}`);
    const failed = r.operations.filter((o) => o.errors.length);
    if (failed.length) {
      lines.push(`✗ ${failed.length} of ${r.operations.length} known operation(s) no longer validate:`);
      for (const o of failed) lines.push(`  - ${o.source}: ${o.errors.join(' · ')}`);
    } else lines.push(`✓ ${r.operations.length} known operations validate`);
  }
  if (r.unregistered) lines.push(`! ${name} has no entry in schema/subgraphs/registry.json yet: add one before \`npm run compose\`.`);
  lines.push(r.ok ? `PASS: ${name} may be published (npm run compose)` : `FAIL: ${name} may not be published`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => !a.startsWith('--'));
  const [name, source] = args;
  if (!name || !source || !/^[a-z][a-z0-9-]{1,39}$/.test(name)) {
    console.error('usage: npm run subgraph:check -- <name> <sdl file | http(s)://…/graphql> [--allow-breaking]');
    return 2;
  }
  let sdl: string;
  try {
    sdl = await readCandidate(name, source);
  } catch (err) {
    console.error(`✗ cannot read the candidate schema: ${(err as Error).message}`);
    return 1;
  }
  const report = await checkSubgraph({
    candidate: { name, sdl },
    current: await currentSubgraphs(),
    operations: await knownOperations(),
    registry: readRegistry(process.env.SUBGRAPH_REGISTRY),
    allowBreaking: argv.includes('--allow-breaking'),
  });
  console.log(formatReport(name, report));
  return report.ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(await main(process.argv.slice(2)));
