// A gate in front of a subgraph: holds its POST /graphql requests until released, so a test
// knows which requests were in flight together by the order of events, not by timers.
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Gate {
  url: string;
  /** GraphQL requests that arrived (held or not). */
  arrived: { headers: IncomingHttpHeaders }[];
  /** Resolves once `n` requests have arrived. */
  waitFor(n: number): Promise<void>;
  release(): void;
  /** Release the requests held so far with a 503 (the subgraph failing), then open. */
  fail(): void;
  /** Close the gate again and forget what arrived. */
  hold(): void;
  close(): Promise<void>;
}

/** Holds POST /graphql requests until released, then forwards them to `target`. */
export async function startGate(target: string): Promise<Gate> {
  const to = new URL(target);
  let open = false;
  let held: { forward: () => void; refuse: () => void }[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const gate: Gate = {
    url: '',
    arrived: [],
    waitFor: (n) => new Promise((resolve) => (gate.arrived.length >= n ? resolve() : waiters.push({ n, resolve }))),
    release() {
      open = true;
      for (const h of held) h.forward();
      held = [];
    },
    fail() {
      open = true;
      for (const h of held) h.refuse();
      held = [];
    },
    hold() {
      open = false;
      gate.arrived = [];
    },
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const forward = () => {
      const up = http.request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.destroy());
      req.pipe(up);
    };
    if (req.method !== 'POST') return forward();
    gate.arrived.push({ headers: req.headers });
    for (const w of waiters.filter((x) => gate.arrived.length >= x.n)) w.resolve();
    if (open) forward();
    else held.push({ forward, refuse: () => res.writeHead(503, { 'content-type': 'text/plain' }).end('down') });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gate.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${to.pathname}`;
  gate.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return gate;
}
