// A real node:http server on 127.0.0.1:0 that plays an upstream for tests and the demo, with
// the misbehaviours every adapter must survive (SECURITY-MATRIX B/C). Each system's fake
// supplies its "ok" handler and the bodies only it can shape (a SOAP fault, malformed JSON…);
// the generic misbehaviours (slow, 5xx then ok, 429, oversized, trickle, HTML 502) live here.
// The fake records every request it received, so tests assert on what the upstream saw.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeMode =
  | { kind: 'ok' }
  | { kind: 'slow'; delayMs: number }
  /** The first `failures` requests get `status` (default 503), later ones are answered. */
  | { kind: 'fail-then-ok'; failures: number; status?: number }
  /** The first `times` requests (default: all) get 429 with this Retry-After. */
  | { kind: 'rate-limited'; retryAfter: string; times?: number }
  | { kind: 'fault' }
  | { kind: 'malformed' }
  | { kind: 'oversized'; bytes: number; declareLength?: boolean }
  | { kind: 'xxe' }
  | { kind: 'entity-bomb' }
  | { kind: 'proto' }
  | { kind: 'html-502' }
  /** A valid-looking body written one byte every `intervalMs` (default 1000). */
  | { kind: 'trickle'; intervalMs?: number }
  | { kind: 'redirect'; location: string };

export type HostileKind = 'xxe' | 'entity-bomb' | 'proto';

export interface ReceivedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface FakeSystem {
  /** The media type of this upstream's answers (used for oversized and trickled bodies). */
  contentType: string;
  ok(req: ReceivedRequest): Promise<FakeResponse> | FakeResponse;
  fault(req: ReceivedRequest): FakeResponse;
  malformed(req: ReceivedRequest): FakeResponse;
  hostile(kind: HostileKind, req: ReceivedRequest): FakeResponse;
}

export interface FakeServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  readonly received: ReceivedRequest[];
  readonly mode: FakeMode;
  /** Switch behaviour; request counting for fail-then-ok / rate-limited restarts here. */
  setMode(mode: FakeMode): void;
  /** Bytes written for the last oversized or trickled body (to prove the client stopped early). */
  readonly lastStreamedBytes: number;
  close(): Promise<void>;
}

const HTML_502 = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>';

export async function startFakeUpstream(system: FakeSystem): Promise<FakeServer> {
  const received: ReceivedRequest[] = [];
  let mode: FakeMode = { kind: 'ok' };
  let sinceModeChange = 0;
  let lastStreamedBytes = 0;

  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const entry: ReceivedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, at: Date.now() };
    received.push(entry);
    const n = ++sinceModeChange;
    try {
      await respond(mode, n, entry, res);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  });

  async function respond(m: FakeMode, n: number, req: ReceivedRequest, res: http.ServerResponse): Promise<void> {
    switch (m.kind) {
      case 'slow':
        await delay(m.delayMs, res);
        return send(res, await system.ok(req));
      case 'fail-then-ok':
        if (n <= m.failures) return send(res, { status: m.status ?? 503, headers: { 'content-type': 'text/plain' }, body: 'Service Unavailable' });
        return send(res, await system.ok(req));
      case 'rate-limited':
        if (n <= (m.times ?? Infinity))
          return send(res, { status: 429, headers: { 'retry-after': m.retryAfter, 'content-type': 'text/plain' }, body: 'Too Many Requests' });
        return send(res, await system.ok(req));
      case 'fault':
        return send(res, system.fault(req));
      case 'malformed':
        return send(res, system.malformed(req));
      case 'xxe':
      case 'entity-bomb':
      case 'proto':
        return send(res, system.hostile(m.kind, req));
      case 'html-502':
        return send(res, { status: 502, headers: { 'content-type': 'text/html' }, body: HTML_502 });
      case 'oversized':
        return streamFiller(res, m.bytes, m.declareLength ?? false);
      case 'trickle':
        return trickle(res, m.intervalMs ?? 1000);
      case 'redirect':
        return send(res, { status: 302, headers: { location: m.location }, body: '' });
      case 'ok':
        return send(res, await system.ok(req));
    }
  }

  async function streamFiller(res: http.ServerResponse, bytes: number, declareLength: boolean): Promise<void> {
    const headers: Record<string, string | number> = { 'content-type': system.contentType };
    if (declareLength) headers['content-length'] = bytes;
    res.writeHead(200, headers);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    lastStreamedBytes = 0;
    while (lastStreamedBytes < bytes && !res.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, bytes - lastStreamedBytes));
      lastStreamedBytes += piece.length;
      if (!res.write(piece)) await drained(res);
    }
    res.end();
  }

  async function trickle(res: http.ServerResponse, intervalMs: number): Promise<void> {
    res.writeHead(200, { 'content-type': system.contentType });
    lastStreamedBytes = 0;
    while (!res.destroyed && lastStreamedBytes < 10_000) {
      res.write('<');
      lastStreamedBytes += 1;
      await delay(intervalMs, res);
    }
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    get mode() {
      return mode;
    },
    setMode(next) {
      mode = next;
      sinceModeChange = 0;
    },
    get lastStreamedBytes() {
      return lastStreamedBytes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: http.ServerResponse, answer: FakeResponse): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

function drained(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Wait, but stop early when the client goes away. */
function delay(ms: number, res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve();
    }, ms);
    res.once('close', onClose);
  });
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
