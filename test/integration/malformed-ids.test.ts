// Issue 7 finding 9: malformed ids never reach the database. Driven by the committed SDL of both
// subgraphs: for EVERY root field that takes an ID (as an argument, inside an input object or
// a list), a call with a malformed id in that one place — everything else valid — answers
// BAD_USER_INPUT naming the argument, never INTERNAL_SERVER_ERROR. A NUL byte in any string
// argument is refused the same way.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { AGENCY_A, ADMIN } from '../harness/content.ts';
import { usePortal } from '../harness/portal.ts';
import { signedQuery } from '../harness/portal.ts';
import { startLegalWorld, type LegalWorld } from './legal-harness.ts';

const BAD_IDS = ['not-a-uuid', 'a\u0000b', "' OR '1'='1", '00000000-0000-0000-0000-00000000000g', ''];

const SAMPLE_SCALARS: Record<string, unknown> = {
  ID: AGENCY_A,
  String: 'x',
  Int: 1,
  Float: 1,
  Boolean: false,
  LocalDate: '2026-01-02',
  DateTimeISO: '2026-01-02T03:04:05Z',
  Decimal: '1',
};

/** A valid value of a type (required parts only); every ID in it gets the marker path. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  return SAMPLE_SCALARS[type.name] ?? 'x';
}

/** Every place an ID may be given under a type (optional ones included): the path, and whether the place is a list of IDs. */
function idPaths(type: GraphQLInputType, path: string[], seen = new Set<string>()): { path: string[]; list: boolean }[] {
  const named = getNamedType(type);
  const list = isListType(isNonNullType(type) ? type.ofType : type);
  if (isScalarType(named)) return named.name === 'ID' ? [{ path, list }] : [];
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  const next = new Set([...seen, named.name]);
  return Object.values(named.getFields()).flatMap((f) => idPaths(f.type, [...path, f.name], next));
}

/** `value` with `leaf` put at `path` (objects created on the way; into a list's first element). */
function put(value: unknown, path: string[], leaf: unknown): unknown {
  if (!path.length) return leaf;
  if (Array.isArray(value)) return [put(value[0] ?? {}, path, leaf)];
  const node = { ...((value as Record<string, unknown> | undefined) ?? {}) };
  node[path[0]!] = put(node[path[0]!], path.slice(1), leaf);
  return node;
}

interface Case {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

function casesFor(sdlFile: string, badValues: string[]): Case[] {
  const schema = buildSubgraphSchema(parse(readFileSync(sdlFile, 'utf8')));
  const cases: Case[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType()] as (GraphQLObjectType | null)[]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (field.name.startsWith('_')) continue;
      const decl = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const use = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
      const op = root === schema.getMutationType() ? 'mutation' : 'query';
      const query = `${op}${decl ? `(${decl})` : ''} { ${field.name}${use ? `(${use})` : ''}${selection} }`;
      const base = Object.fromEntries(field.args.filter((a) => isNonNullType(a.type)).map((a) => [a.name, sample(a.type)]));
      for (const arg of field.args) {
        for (const place of idPaths(arg.type, [])) {
          for (const bad of badValues) {
            const value = put(sample(arg.type), place.path, place.list ? [bad] : bad);
            cases.push({
              name: `${field.name}(${[arg.name, ...place.path].join('.')} = ${JSON.stringify(bad)})`,
              query,
              variables: { ...base, [arg.name]: value },
            });
          }
        }
      }
    }
  }
  return cases;
}

const PORTAL_CASES = casesFor('schema/subgraphs/portal.graphql', BAD_IDS);
const LEGAL_CASES = casesFor('schema/subgraphs/legal.graphql', BAD_IDS);

function expectBoundaryRefusal(c: Case, res: { status: number; body: { errors?: { extensions?: Record<string, unknown> }[] } }) {
  const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
  expect(codes, c.name).not.toContain('INTERNAL_SERVER_ERROR');
  expect(codes[0], `${c.name}: ${JSON.stringify(res.body.errors)}`).toBe('BAD_USER_INPUT');
}

describe('portal: every ID argument', () => {
  const portal = usePortal();

  it('covers the id arguments of the schema (sanity)', () => {
    const names = new Set(PORTAL_CASES.map((c) => c.name.split('(')[0]));
    for (const f of ['agency', 'contentItem', 'article', 'submitContentItem', 'createContentItem', 'contentItems', 'provisionReport'])
      expect(names).toContain(f);
  });

  it('answers BAD_USER_INPUT to a malformed id in any place, never INTERNAL_SERVER_ERROR', async () => {
    for (const c of PORTAL_CASES) expectBoundaryRefusal(c, await signedQuery(portal.url, c.query, c.variables, ADMIN));
  });

  it('answers BAD_USER_INPUT to a NUL byte in a string argument (slugs, search)', async () => {
    for (const query of [
      '{ agency(slug: "a\\u0000b") { id } }',
      '{ article(slug: "\\u0000") { id } }',
      '{ contentItems(filter: { search: "x\\u0000" }) { totalCount } }',
    ]) {
      const res = await signedQuery(portal.url, query, {}, ADMIN);
      expectBoundaryRefusal({ name: query, query, variables: {} }, res);
    }
  });

  it('still answers valid ids as before (null for an unknown one)', async () => {
    const res = await signedQuery(portal.url, `query($id: ID!) { agency(id: $id) { id } }`, { id: '00000000-0000-4000-8000-000000000000' }, ADMIN);
    expect(res.body).toEqual({ data: { agency: null } });
  });
});

describe('legal: every ID argument', () => {
  let world: LegalWorld;
  beforeAll(async () => {
    world = await startLegalWorld();
  });
  afterAll(() => world?.close());

  it('answers BAD_USER_INPUT to a malformed id in any place, and to a NUL in a document number', async () => {
    expect(LEGAL_CASES.map((c) => c.name.split('(')[0])).toEqual(expect.arrayContaining(['legalDocument', 'gazetteIssue']));
    for (const c of LEGAL_CASES) expectBoundaryRefusal(c, await world.query(c.query, c.variables, ADMIN));
    const nul = `{ legalDocumentByNumber(number: "26/2017\\u0000") { stale } }`;
    expectBoundaryRefusal({ name: nul, query: nul, variables: {} }, await world.query(nul, {}, ADMIN));
  });
});
