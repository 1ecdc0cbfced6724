// The harvest surfaces' view of the subgraphs: each subgraph that owns public kinds serves
// them on signed GET /harvest routes (subgraphs/kit/harvest.ts). This client asks every
// subgraph which kinds it owns (cached briefly), then pages through a kind at its owner, with a
// timeout and a byte cap on every call. The gateway never reads a subgraph's tables.
import { Agent, request } from 'undici';
import type { HarvestCatalogue, HarvestKind, HarvestPage, HarvestQuery, HarvestRecord, HarvestSet } from '../../schema/contract/harvest.ts';
import { signGatewayRequest } from '../../schema/security/gateway-signature.ts';
import type { Signer } from '../../schema/security/keys.ts';
import { encodeContext } from '../../schema/security/signed-context.ts';

export interface HarvestClientOptions {
  subgraphUrls: Record<string, string>;
  /** The key each call is signed with, by subgraph (config.ts `signer`). */
  signer: Signer;
  timeoutMs: number;
  maxBytes: number;
  /** The hub's public origin (URLs in records start here). */
  publicBaseUrl(): string;
  /** How long the kinds list is kept (ms). */
  catalogueTtlMs?: number;
  now?(): number;
}

export interface OwnedKind extends HarvestKind {
  subgraph: string;
}

export interface Catalogue {
  kinds: OwnedKind[];
  sets: HarvestSet[];
}

/** A subgraph that did not answer as it should: the surface answers 503, never half a list. */
export class HarvestUnavailable extends Error {}

export interface HarvestClient {
  catalogue(): Promise<Catalogue>;
  page(kind: OwnedKind, query: HarvestQuery): Promise<HarvestPage>;
  count(kind: OwnedKind, filter: Omit<HarvestQuery, 'after' | 'limit' | 'order'>): Promise<number>;
  /** The record whose public URL this is, whichever subgraph owns it. */
  resolve(url: string): Promise<HarvestRecord | null>;
  close(): Promise<void>;
}

const params = (q: Record<string, string | string[] | number | boolean | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) s.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : Array.isArray(v) ? v.join(',') : String(v));
  return s.toString();
};

export function createHarvestClient(opts: HarvestClientOptions): HarvestClient {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 8 });
  const now = opts.now ?? Date.now;
  const ttl = opts.catalogueTtlMs ?? 30_000;
  let cached: { at: number; value: Promise<Catalogue> } | undefined;

  /** GET a harvest route of a subgraph; undefined when the subgraph has none (404). */
  async function get<T>(subgraph: string, path: string): Promise<T | undefined> {
    const base = opts.subgraphUrls[subgraph]!.replace(/\/graphql$/, '');
    const url = `${base}${path}`;
    const context = encodeContext({ requestId: 'harvest', actor: { roles: [] }, publicBaseUrl: opts.publicBaseUrl() });
    const headers = signGatewayRequest(opts.signer(subgraph), { method: 'GET', url, audience: subgraph, context, body: '' });
    let res;
    try {
      res = await request(url, {
        method: 'GET',
        headers,
        dispatcher: agent,
        signal: AbortSignal.timeout(opts.timeoutMs),
        headersTimeout: opts.timeoutMs,
        bodyTimeout: opts.timeoutMs,
      });
    } catch (err) {
      throw new HarvestUnavailable(`${subgraph} unreachable`, { cause: err });
    }
    if (res.statusCode === 404) {
      await res.body.dump();
      return undefined;
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new HarvestUnavailable(`${subgraph} answered ${res.statusCode}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > opts.maxBytes) {
        res.body.destroy();
        throw new HarvestUnavailable(`${subgraph} answer too large`);
      }
      chunks.push(chunk as Buffer);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
    } catch (err) {
      throw new HarvestUnavailable(`${subgraph} answered malformed JSON`, { cause: err });
    }
  }

  async function loadCatalogue(): Promise<Catalogue> {
    const names = Object.keys(opts.subgraphUrls).sort();
    const answers = await Promise.all(names.map((name) => get<HarvestCatalogue>(name, '/harvest')));
    const kinds: OwnedKind[] = [];
    const sets = new Map<string, HarvestSet>();
    answers.forEach((a, i) => {
      for (const k of a?.kinds ?? []) if (!kinds.some((o) => o.kind === k.kind)) kinds.push({ ...k, subgraph: names[i]! });
      for (const s of a?.sets ?? []) if (!sets.has(s.spec)) sets.set(s.spec, s);
    });
    return { kinds, sets: [...sets.values()] };
  }

  return {
    catalogue() {
      if (!cached || now() - cached.at > ttl) {
        const value = loadCatalogue();
        cached = { at: now(), value };
        // A failed load is not kept: the next request asks again.
        value.catch(() => (cached = undefined));
      }
      return cached.value;
    },
    async page(kind, q) {
      const page = await get<HarvestPage>(kind.subgraph, `/harvest/records?${params({ ...q })}`);
      if (!page) throw new HarvestUnavailable(`${kind.subgraph} has no harvest routes`);
      return page;
    },
    async count(kind, f) {
      const answer = await get<{ count: number }>(kind.subgraph, `/harvest/count?${params({ ...f })}`);
      return answer?.count ?? 0;
    },
    async resolve(url) {
      const names = Object.keys(opts.subgraphUrls).sort();
      const answers = await Promise.all(names.map((name) => get<{ record: HarvestRecord | null }>(name, `/harvest/record?${params({ url })}`)));
      return answers.find((a) => a?.record)?.record ?? null;
    },
    close: () => agent.close(),
  };
}
