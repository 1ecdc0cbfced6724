// `npm run subgraph:check`: a candidate is composed with the committed subgraphs, compared with
// the current API for breaking changes, and every known operation (IDE examples, the frontend's
// file) is validated against the result; the CLI's exit code is what a partner's CI reads.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSubgraph, currentSubgraphs, formatReport, knownOperations, type KnownOperation, type Subgraph } from '../../scripts/subgraph-check.ts';
import { parseRegistry, readRegistry } from '../../gateway/subgraph-registry.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

const PARTNER = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])

type Agency @key(fields: "code") {
  code: String!
  notaryOffices: [NotaryOffice!]
}

type NotaryOffice {
  name: String!
}

type Query {
  notaryOffice(name: String!): NotaryOffice
}
`;

let current: Subgraph[];
let operations: KnownOperation[];
let dir: string;
const registry = readRegistry(undefined);
const check = (candidate: Subgraph, more: Partial<Parameters<typeof checkSubgraph>[0]> = {}) =>
  checkSubgraph({ candidate, current, operations, registry, ...more });

beforeAll(async () => {
  current = await currentSubgraphs();
  operations = await knownOperations();
  dir = await mkdtemp(path.join(os.tmpdir(), 'cong-hub-check-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('subgraph:check', () => {
  it('knows the IDE examples and the frontend operations, and all of them validate today', async () => {
    expect(operations.some((o) => o.source.startsWith('ide: '))).toBe(true);
    expect(operations.filter((o) => o.source.startsWith('frontend.graphql: ')).length).toBeGreaterThanOrEqual(5);
    const portal = current.find((s) => s.name === 'portal')!;
    const report = await check(portal);
    expect(report.operations.filter((o) => o.errors.length)).toEqual([]);
    expect(report).toMatchObject({ ok: true, breaking: [], policy: [], unregistered: false });
  });

  it('passes a partner adding its own fields to Agency, and says it still needs a registry entry', async () => {
    const report = await check({ name: 'notaries', sdl: PARTNER });
    expect(report.composition.errors).toEqual([]);
    expect(report.breaking).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.unregistered).toBe(true);
    expect(formatReport('notaries', report)).toMatch(/no entry in schema\/subgraphs\/registry\.json/);
  });

  it('reports a composition error with its code and a hint', async () => {
    const clash = PARTNER.replace('notaryOffices: [NotaryOffice!]', 'notaryOffices: [NotaryOffice!]\n  phone: String');
    const report = await check({ name: 'notaries', sdl: clash });
    expect(report.ok).toBe(false);
    expect(report.composition.errors[0]).toMatchObject({ code: 'INVALID_FIELD_SHARING', hint: expect.stringMatching(/@shareable/) });
    expect(formatReport('notaries', report)).toMatch(/does not compose[\s\S]*hint:[\s\S]*FAIL/);
  });

  it('refuses a partner taking a field over from its owner (@override)', async () => {
    const taking = PARTNER.replace('notaryOffices: [NotaryOffice!]', 'notaryOffices: [NotaryOffice!]\n  phone: String @override(from: "portal")');
    const report = await check({ name: 'notaries', sdl: taking });
    expect(report.policy).toEqual([expect.stringMatching(/@override/)]);
    expect(report.ok).toBe(false);
    // The hub's own subgraphs may (a field moving between them).
    const core = parseRegistry({ subgraphs: { notaries: { trust: 'core', owner: { agencyCode: '000.01.00.H43', name: 'x' }, contact: 'ops' } } });
    expect((await check({ name: 'notaries', sdl: taking }, { registry: core })).policy).toEqual([]);
  });

  it('refuses a partner adding a non-null field to another subgraph’s entity (its outage would null the entity)', async () => {
    const report = await check({ name: 'notaries', sdl: PARTNER.replace('notaryOffices: [NotaryOffice!]', 'notaryOffices: [NotaryOffice!]!') });
    expect(report.composition.errors).toEqual([]);
    expect(report.policy).toEqual([expect.stringMatching(/^Agency\.notaryOffices: .* must be nullable/)]);
    expect(report.ok).toBe(false);
  });

  it('reports breaking changes and the known operations they break; --allow-breaking lets the first through, not the second', async () => {
    const portal = current.find((s) => s.name === 'portal')!;
    const withoutPhone = { name: 'portal', sdl: portal.sdl.replace(/^\s+phone: String\n/m, '\n') };
    expect(withoutPhone.sdl).not.toBe(portal.sdl);
    const report = await check(withoutPhone);
    expect(report.breaking).toContainEqual({ type: 'FIELD_REMOVED', description: expect.stringMatching(/Agency\.phone/) });
    expect(report.operations.filter((o) => o.errors.length).map((o) => o.source)).toEqual(
      expect.arrayContaining(['ide: Cơ quan / Agencies', 'frontend.graphql: AgencyPage']),
    );
    expect(report.ok).toBe(false);
    expect((await check(withoutPhone, { allowBreaking: true })).ok).toBe(false); // operations still fail
    const unused = { name: 'portal', sdl: portal.sdl.replace(/^\s+fax: String\n/m, '\n') };
    expect((await check(unused)).ok).toBe(false);
    expect((await check(unused, { allowBreaking: true })).ok).toBe(true);
  });

  it('CLI: exit 0 on a good candidate, 1 on a bad one, 2 on bad usage', async () => {
    const good = path.join(dir, 'good.graphql');
    const bad = path.join(dir, 'bad.graphql');
    await writeFile(good, PARTNER);
    await writeFile(bad, 'type Query { broken(: }');
    const cli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'scripts/subgraph-check.ts', ...args], { cwd: ROOT }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    const [ok, ko, usage] = await Promise.all([cli('notaries', good), cli('notaries', bad), cli('notaries')]);
    expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/PASS/) });
    expect(ko).toMatchObject({ code: 1, out: expect.stringMatching(/INVALID_GRAPHQL[\s\S]*FAIL/) });
    expect(usage.code).toBe(2);
    expect(await readFile(good, 'utf8')).toBe(PARTNER);
  }, 30_000);
});
