// A partner agency's subgraph federated end to end: the Department of Justice's example
// (subgraphs/partners/notaries: plain Apollo Server + @apollo/subgraph, its own process,
// verifying the gateway's RFC 9421 signature with `http-message-signatures` and the published
// JWKS) joins the portal's Agency through the gateway; it receives only the context its registry
// entry allows; it cannot impersonate the gateway to any other subgraph (its own key, a replay
// to another subgraph, a tampered context, an expired timestamp); and when it is down the hub is
// degraded, not unready. It is published to the running hub (registry entry, then the
// supergraph), with no restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../../scripts/compose.ts';
import { issueToken } from '../../gateway/auth.ts';
import { readCandidate, checkSubgraph, currentSubgraphs, knownOperations } from '../../scripts/subgraph-check.ts';
import { parseRegistry } from '../../gateway/subgraph-registry.ts';
import { signGatewayRequest } from '../../schema/security/gateway-signature.ts';
import { parsePrivateKey } from '../../schema/security/keys.ts';
import { encodeContext, type SignedContext } from '../../schema/security/signed-context.ts';
import { stableId } from '../../schema/seed/ids.ts';
import { startTestHub, TEST_JWT, type TestHub } from '../harness/hub.ts';
import { TEST_SIGNING_KEY } from '../harness/signing.ts';
import { startExtras, type ExtrasSubgraph } from './support/extras.ts';
import { gql, post, send } from './support/http.ts';
import { composeSupergraph, nextReload, supergraphFile, type SupergraphFile } from './support/supergraph.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PARTNER_DIR = path.join(ROOT, 'subgraphs/partners/notaries');
const SDL = readFileSync(path.join(PARTNER_DIR, 'schema.graphql'), 'utf8');
const ENTRY = JSON.parse(readFileSync(path.join(PARTNER_DIR, 'registry-entry.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const COMMITTED = JSON.parse(readFileSync(path.join(ROOT, 'schema/subgraphs/registry.json'), 'utf8')) as { subgraphs: Record<string, unknown> };
const JUSTICE = stableId('agency:so-tu-phap-phu-tho');
const SCIENCE = stableId('agency:so-khoa-hoc-cong-nghe-phu-tho');

interface Captured {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Between the gateway and the partner: keeps every GraphQL call as it was sent (what a partner sees). */
async function startCapture() {
  const state = { target: '', calls: [] as Captured[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST') state.calls.push({ url: req.url ?? '/', headers: req.headers as Record<string, string>, body: body.toString('utf8') });
      const target = new URL(state.target);
      const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

/** The partner as its agency runs it: `node server.ts`, in its own process. */
async function startPartner(env: Record<string, string>): Promise<{ url: string; child: ChildProcess; log: string[] }> {
  const child = spawn(process.execPath, [path.join(PARTNER_DIR, 'server.ts')], {
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      log.push(d.toString());
      const m = /listening on (http:\/\/\S+)/.exec(d.toString());
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`partner exited (${code}): ${log.join('')}`)));
  });
  return { url, child, log };
}

let t: TestHub;
let file: SupergraphFile;
let registryFile: string;
let capture: Awaited<ReturnType<typeof startCapture>>;
let partner: Awaited<ReturnType<typeof startPartner>>;
let extras: ExtrasSubgraph;
let portalUrl: string;
let legalUrl: string;

const token = (roles: string[], agencyIds: string[]) => issueToken(TEST_JWT, { id: 'staff-1', name: 'Cán bộ', roles, agencyIds });
const decode = (header: string): SignedContext => JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as SignedContext;
const lastCall = () => capture.calls.at(-1)!;

const OFFICES = `{ agency(slug: "so-tu-phap-phu-tho") { code name { vi } notaryOffices { name kind inspectionNotes supervisor { slug } } } }`;

/**
 * The hub runs without the partner; the partner starts (fetching the gateway's JWKS); then it is
 * published the way the README says: a registry entry, then the composed supergraph (both
 * written atomically, as `npm run compose` does). The running gateway picks both up.
 */
beforeAll(async () => {
  capture = await startCapture();
  extras = await startExtras();
  file = await supergraphFile(await composeSupergraph());
  registryFile = path.join(path.dirname(file.path), 'registry.json');
  await writeAtomically(registryFile, JSON.stringify(COMMITTED));
  t = await startTestHub({ env: { SUPERGRAPH_PATH: file.path, SUBGRAPH_REGISTRY: registryFile } });
  partner = await startPartner({ GATEWAY_JWKS_URL: `${t.base}/.well-known/jwks.json` });
  capture.target = partner.url;
  portalUrl = t.hub.subgraphs.find((s) => s.name === 'portal')!.url;
  legalUrl = t.hub.subgraphs.find((s) => s.name === 'legal')!.url;
  // Publish: registry entry first, then the supergraph naming the new subgraph.
  // The gateway re-reads the registry on the reload and serves the supergraph: its event, not a timer.
  const served = nextReload(t.hub.gateway, (e) => e.supergraph !== 'unchanged');
  await writeAtomically(registryFile, JSON.stringify({ subgraphs: { ...COMMITTED.subgraphs, notaries: { ...ENTRY.notaries, url: capture.url } } }));
  await writeAtomically(file.path, await composeSupergraph([{ name: 'notaries', sdl: SDL }]));
  expect(await served).toEqual({ supergraph: 'applied' });
}, 90_000);

afterAll(async () => {
  partner?.child.kill('SIGTERM');
  await t?.stop();
  await capture?.close();
  await extras?.close();
  await file?.remove();
});

describe('the partner subgraph through the gateway', () => {
  it('adds its notary offices to the portal’s Agency, and links back to it', async () => {
    const res = await gql(t.url, OFFICES);
    expect(res.body.errors).toBeUndefined();
    const agency = res.body.data!.agency as {
      code: string;
      notaryOffices: { name: string; kind: string; inspectionNotes: null; supervisor: { slug: string } }[];
    };
    expect(agency.code).toBe('000.02.00.H43');
    expect(agency.notaryOffices).toHaveLength(3);
    expect(agency.notaryOffices[0]).toEqual({
      name: 'Phòng Công chứng số 1 tỉnh Phú Thọ',
      kind: 'PUBLIC',
      inspectionNotes: null,
      supervisor: { slug: 'so-tu-phap-phu-tho' },
    });
    const other = await gql(t.url, '{ agency(slug: "so-tai-chinh-phu-tho") { notaryOffices { name } } }');
    expect(other.body).toEqual({ data: { agency: { notaryOffices: [] } } });
    const root = await gql(t.url, '{ notaryOffices(commune: "vĩnh yên") { name supervisor { name { vi } } } }');
    expect(root.body).toEqual({
      data: { notaryOffices: [{ name: 'Văn phòng Công chứng Vĩnh Yên', supervisor: { name: { vi: 'Sở Tư pháp tỉnh Phú Thọ' } } }] },
    });
  });

  it('is checked by subgraph:check from its running URL (signed _service fetch): it composes and breaks nothing', async () => {
    const sdl = await readCandidate('notaries', partner.url, { GATEWAY_SIGNING_KEYS: TEST_SIGNING_KEY });
    expect(sdl).toContain('notaryOffices: [NotaryOffice!]');
    const report = await checkSubgraph({
      candidate: { name: 'notaries', sdl },
      current: await currentSubgraphs(),
      operations: await knownOperations(),
      registry: parseRegistry({ subgraphs: { ...COMMITTED.subgraphs, ...ENTRY } }),
    });
    expect(report).toMatchObject({ ok: true, breaking: [], policy: [], unregistered: false });
    expect(report.composition.errors).toEqual([]);
  });
});

describe('the partner receives only the context it needs', () => {
  it('a hub ADMIN reaches the partner as nobody: no role, no id, and sees no inspection notes', async () => {
    const res = await gql(t.url, OFFICES, { headers: { authorization: `Bearer ${await token(['ADMIN', 'BOARD'], [SCIENCE])}` } });
    expect((res.body.data!.agency as { notaryOffices: { inspectionNotes: unknown }[] }).notaryOffices[0]!.inspectionNotes).toBeNull();
    expect(decode(lastCall().headers['x-hub-context']!)).toEqual({ requestId: expect.any(String), actor: { roles: [] }, locale: 'vi' });
    // The portal, a core subgraph, got the whole actor for the same request.
    expect(decode(String(t.proxies.portal!.lastHeaders!['x-hub-context'])).actor).toMatchObject({ id: 'staff-1', roles: ['ADMIN', 'BOARD'] });
  });

  it('an editor of the Department of Justice is an editor there (and only of it); an editor of another agency is not', async () => {
    const own = await gql(t.url, OFFICES, { headers: { authorization: `Bearer ${await token(['EDITOR', 'ADMIN'], [JUSTICE, SCIENCE])}` } });
    expect((own.body.data!.agency as { notaryOffices: { inspectionNotes: unknown }[] }).notaryOffices[0]!.inspectionNotes).toMatch(/^Kiểm tra 2025/);
    expect(decode(lastCall().headers['x-hub-context']!).actor).toEqual({ roles: ['EDITOR'], agencyIds: [JUSTICE] });
    const other = await gql(t.url, OFFICES, { headers: { authorization: `Bearer ${await token(['EDITOR'], [SCIENCE])}` } });
    expect((other.body.data!.agency as { notaryOffices: { inspectionNotes: unknown }[] }).notaryOffices[0]!.inspectionNotes).toBeNull();
    expect(decode(lastCall().headers['x-hub-context']!).actor).toEqual({ roles: [] });
  });
});

describe('the partner cannot impersonate the gateway', () => {
  const ADMIN: SignedContext = { requestId: 'forged', actor: { id: 'intruder', roles: ['ADMIN'] } };
  const QUERY = JSON.stringify({ query: '{ auditChainStatus { ok } }' });
  const direct = (url: string, headers: Record<string, string>, body: string) => post(url, body, { ...headers, 'content-type': 'application/json' });

  /** A real call the gateway made to the partner, as the partner received it. */
  async function capturedCall(): Promise<Captured> {
    await gql(t.url, '{ notaryOffices { name } }');
    return lastCall();
  }

  it('a fresh, correctly signed call is accepted by the partner (the refusals below are not for want of a format)', async () => {
    const body = JSON.stringify({ query: '{ notaryOffices { id } }' });
    const headers = signGatewayRequest(parsePrivateKey(TEST_SIGNING_KEY), {
      method: 'POST',
      url: partner.url,
      audience: 'notaries',
      context: encodeContext(ADMIN),
      body,
    });
    const res = await direct(partner.url, headers, body);
    expect(res.status).toBe(200);
    expect(res.body.data).toBeTruthy();
  });

  it('its own key: a call it signs for portal or legal, in the hub’s exact format, is refused', async () => {
    const own = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    for (const [audience, url] of [
      ['portal', portalUrl],
      ['legal', legalUrl],
    ] as const) {
      const headers = signGatewayRequest(parsePrivateKey(own), { method: 'POST', url, audience, context: encodeContext(ADMIN), body: QUERY });
      const res = await direct(url, headers, QUERY);
      expect({ audience, status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({ audience, status: 401, code: 'INVALID_SIGNATURE' });
    }
  });

  it('a replay: a call signed for the partner is refused by portal, legal, another partner and the partner itself', async () => {
    const call = await capturedCall();
    const sent = { ...call.headers };
    delete sent['content-length'];
    delete sent.host;
    for (const url of [portalUrl, legalUrl, extras.url]) {
      const res = await direct(url, sent, call.body);
      expect({ url, status: res.status }).toEqual({ url, status: 401 });
    }
    // … and with the audience rewritten to the target, the signature no longer holds.
    const rewritten = await direct(portalUrl, { ...sent, 'x-hub-audience': 'portal' }, call.body);
    expect(rewritten.status).toBe(401);
    const again = await direct(partner.url, sent, call.body);
    expect(again.status).toBe(401);
    expect(partner.log.join('')).toMatch(/refused: replayed/);
  });

  it('a tampered context (roles widened to ADMIN) or body is refused by the partner and by portal', async () => {
    const call = await capturedCall();
    const sent = { ...call.headers };
    delete sent['content-length'];
    delete sent.host;
    const forged = {
      ...sent,
      'x-hub-context': encodeContext({ ...decode(sent['x-hub-context']!), actor: { roles: ['ADMIN', 'EDITOR'], agencyIds: [JUSTICE] } }),
    };
    expect((await direct(partner.url, forged, call.body)).status).toBe(401);
    expect((await direct(portalUrl, { ...forged, 'x-hub-audience': 'portal' }, call.body)).status).toBe(401);
    const fresh = await capturedCall();
    const body = fresh.body.replace('notaryOffices', 'notaryOffice(id: "25/PCC-STP")');
    expect((await direct(partner.url, { ...fresh.headers, 'content-length': String(Buffer.byteLength(body)) }, body)).status).toBe(401);
    expect(partner.log.join('')).toMatch(/refused: body does not match content-digest/);
  });

  it('an expired timestamp is refused, even signed by the gateway’s own key', async () => {
    const key = parsePrivateKey(TEST_SIGNING_KEY);
    const old = Date.now() - 60_000;
    const body = JSON.stringify({ query: '{ notaryOffices { id } }' });
    const toPartner = signGatewayRequest(key, { method: 'POST', url: partner.url, audience: 'notaries', context: encodeContext(ADMIN), body, nowMs: old });
    expect((await direct(partner.url, toPartner, body)).status).toBe(401);
    const toPortal = signGatewayRequest(key, { method: 'POST', url: portalUrl, audience: 'portal', context: encodeContext(ADMIN), body: QUERY, nowMs: old });
    expect((await direct(portalUrl, toPortal, QUERY)).status).toBe(401);
    const future = signGatewayRequest(key, {
      method: 'POST',
      url: partner.url,
      audience: 'notaries',
      context: encodeContext(ADMIN),
      body,
      nowMs: Date.now() + 60_000,
    });
    expect((await direct(partner.url, future, body)).status).toBe(401);
  });
});

describe('the partner down', () => {
  it('makes the hub degraded, not unready: its fields answer SUBGRAPH_UNAVAILABLE, the rest is served', async () => {
    partner.child.kill('SIGTERM');
    await new Promise((resolve) => partner.child.once('exit', resolve));
    const ready = await send(`${t.base}/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'degraded', subgraphs: { portal: true, legal: true, notaries: false } });
    const checks = (ready.body as unknown as { checks: Record<string, { ok: boolean; trust: string; lastError?: { reason: string } }> }).checks;
    expect(checks.notaries).toMatchObject({ ok: false, trust: 'partner', lastError: { reason: expect.stringMatching(/UNREACHABLE|HTTP 502/) } });
    expect(checks.portal).toMatchObject({ ok: true, trust: 'core' });
    expect(ready.text).not.toContain('127.0.0.1');
    expect(ready.text).not.toContain('stp.phutho'); // whom to call is for operators, not the public
    const status = await send(`${t.base}/console/api/status`, { headers: { authorization: `Bearer ${await token(['ADMIN'], [])}` } });
    expect((status.body as unknown as { subgraphDetails: Record<string, unknown> }).subgraphDetails.notaries).toMatchObject({
      ok: false,
      trust: 'partner',
      owner: { agencyCode: '000.02.00.H43', name: 'Sở Tư pháp tỉnh Phú Thọ' },
      contact: 'cntt@stp.phutho.demo.invalid',
    });
    const res = await gql(t.url, OFFICES);
    expect(res.status).toBe(200);
    expect(res.body.data?.agency).toMatchObject({ code: '000.02.00.H43', name: { vi: 'Sở Tư pháp tỉnh Phú Thọ' } });
    expect(res.body.errors?.map((e) => e.extensions?.code)).toContain('SUBGRAPH_UNAVAILABLE');
    expect((await gql(t.url, '{ agency(slug: "so-tu-phap-phu-tho") { slug } }')).body).toEqual({ data: { agency: { slug: 'so-tu-phap-phu-tho' } } });
  });
});
