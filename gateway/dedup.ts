// Collapsing identical work (issue 13): identical subgraph fetches in flight at the same time
// are sent once and the one answer is handed to every waiting request.
//
// Only where it is safe. A fetch is shareable when the data source marked it so (SHARE_HEADER):
// an incoming query (never a mutation, never a health check or schema load) by an anonymous
// caller, whose signed context then holds nothing that differs between callers — no request id
// (that goes in an unsigned `x-request-id` header, for tracing only), no idempotency key, and the
// client key only for subgraphs that enforce a per-client limit (so two clients never share
// there). Two fetches are identical when URL, audience, signed context and body are equal: the
// same operation and variables as the same (anonymous) caller. Staff and partner calls carry
// their actor in the context and are never marked.
//
// The signature's nonce is spent once per fetch on the wire; a collapsed fetch is one fetch.
import { EventEmitter } from 'node:events';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { ANONYMOUS, type Actor, type SignedContext } from '../schema/security/signed-context.ts';
import { AUDIENCE_HEADER } from '../schema/security/gateway-signature.ts';
import { CONTEXT_HEADER } from '../schema/security/signed-context.ts';
import { PlainHeaders } from './plain-headers.ts';

/** Set by the data source on a shareable fetch (value: the content version the caller saw, or
 * `-`); part of the sharing key; removed before the request leaves the gateway. */
export const SHARE_HEADER = 'x-hub-shareable';
/** The request id of a shared context: the subgraph takes its log id from `x-request-id` instead. */
export const SHARED_REQUEST_ID = 'shared';
/** Unsigned, for tracing only: the id of the request that opened a (shared) fetch. */
export const REQUEST_ID_HEADER = 'x-request-id';

export interface DedupSettings {
  enabled: boolean;
  /** Subgraphs that limit calls per client: their shared context keeps the client key. */
  clientKeyed: ReadonlySet<string>;
}

/** Subgraphs of the hub that enforce a per-client limit on some query (kit/client-limit.ts, citizens' lookups). */
export const DEFAULT_CLIENT_KEYED = ['legal', 'services', 'citizens'];

export const isAnonymous = (actor: Actor | undefined): boolean => !actor || (!actor.id && actor.roles.length === 0);

/** A query (not a mutation or subscription) as the query planner prints it: `query …` or `{ … }`. */
export function isQueryText(text: string | undefined): boolean {
  if (!text) return false;
  const m = /^\s*(\{|query\b)/.exec(text);
  return m !== null;
}

export interface CallerContext {
  requestId: string;
  actor: Actor;
  locale?: string;
  publicBaseUrl?: string;
  clientKey?: string;
}

/** The context a shareable fetch is signed with: the same for every anonymous caller (and client, where keyed). */
export function sharedContext(subgraph: string, caller: CallerContext, settings: DedupSettings): SignedContext {
  return {
    requestId: SHARED_REQUEST_ID,
    actor: ANONYMOUS,
    locale: caller.locale,
    publicBaseUrl: caller.publicBaseUrl,
    ...(settings.clientKeyed.has(subgraph) && caller.clientKey ? { clientKey: caller.clientKey } : {}),
  };
}

/** What the bench and tests read: fetches sent, and fetches answered by another's. */
export const dedupStats = { sent: 0, joined: 0 };
/** 'join' (key) when a fetch waits on an identical one in flight; 'lead' (key) when one is sent. */
export const dedupEvents = new EventEmitter();
dedupEvents.setMaxListeners(0);

interface Snapshot {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  /** Shared by every caller of the fetch: read, never changed, after it (data-source.ts). */
  headers: PlainHeaders;
  text: string;
}

function replay(s: Snapshot): FetcherResponse {
  return {
    ok: s.ok,
    status: s.status,
    statusText: s.statusText,
    url: s.url,
    headers: s.headers,
    text: async () => s.text,
    json: async () => JSON.parse(s.text),
    clone() {
      return this;
    },
    bodyUsed: false,
  } as unknown as FetcherResponse;
}

/** Wraps the subgraph fetcher: marked fetches identical to one in flight wait for its answer. */
export function dedupingFetcher(inner: Fetcher): Fetcher {
  const inflight = new Map<string, Promise<Snapshot>>();
  return async (url: string, init?: FetcherRequestInit): Promise<FetcherResponse> => {
    const headers = init?.headers as Record<string, string> | undefined;
    if (!headers?.[SHARE_HEADER]) {
      dedupStats.sent += 1;
      return inner(url, init);
    }
    // The mark carries the content version the caller saw (response-cache.ts): a request that
    // saw a newer version never joins a fetch begun before the change (nor caches its answer).
    const mark = headers[SHARE_HEADER];
    const body = typeof init?.body === 'string' ? init.body : '';
    const key = `${mark}\n${url}\n${headers[AUDIENCE_HEADER] ?? ''}\n${headers[CONTEXT_HEADER] ?? ''}\n${body}`;
    const pending = inflight.get(key);
    if (pending) {
      dedupStats.joined += 1;
      dedupEvents.emit('join', key);
      return replay(await pending);
    }
    dedupStats.sent += 1;
    const leader = (async (): Promise<Snapshot> => {
      const rest = { ...headers };
      delete rest[SHARE_HEADER];
      const res = await inner(url, { ...init, headers: rest });
      const text = await res.text();
      // The fetcher's own headers are already plain and never changed; anything else is copied once.
      const answered = res.headers instanceof PlainHeaders ? res.headers : new PlainHeaders(res.headers as unknown as Iterable<[string, string]>);
      return { ok: res.ok, status: res.status, statusText: res.statusText, url: res.url ?? url, headers: answered, text };
    })();
    inflight.set(key, leader);
    // Gone from the map once settled: a fetch that starts later is a new fetch (no caching here).
    const forget = () => {
      if (inflight.get(key) === leader) inflight.delete(key);
    };
    leader.then(forget, forget);
    dedupEvents.emit('lead', key);
    return replay(await leader);
  };
}
