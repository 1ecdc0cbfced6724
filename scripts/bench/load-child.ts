// The load generator: autocannon in a process of its own, so it does not take the hub's event
// loop (gateway, subgraphs and embedded PostgreSQL all run on it). Driven over IPC by load.ts;
// exits when the parent disconnects or dies.
import autocannon, { type RequestData } from 'autocannon';
import { signGatewayRequest } from '../../schema/security/gateway-signature.ts';
import { parsePrivateKey, sharedKeyFor } from '../../schema/security/keys.ts';
import { encodeContext } from '../../schema/security/signed-context.ts';
import { latencyStats, type ChildReply, type ChildRequest, type LoadJob, type SliceResult } from './protocol.ts';

const samples = new Map<string, number[]>();

const send = (reply: ChildReply) => process.send?.(reply);

/** A successful GraphQL answer: data, no errors. Anything else is counted, not thrown. */
function isGraphQLSuccess(body: string): boolean {
  const text = String(body);
  return text.startsWith('{"data":') && !text.includes('"errors":');
}

/** Signature headers for each request: a signature is accepted once (its nonce), so none is reused. */
function signer(job: LoadJob): ((req: RequestData) => RequestData) | undefined {
  const sign = job.sign;
  if (!sign) return undefined;
  // As the gateway signs a call to one of the hub's own subgraphs: with its shared key.
  const key = sharedKeyFor(parsePrivateKey(sign.key), sign.audience);
  const context = encodeContext(sign.context);
  return (req) => {
    const headers = signGatewayRequest(key, { method: 'POST', url: job.url, audience: sign.audience, context, body: job.body });
    return { ...req, headers: { ...req.headers, ...headers } };
  };
}

async function run(job: LoadJob): Promise<SliceResult> {
  const latencies = samples.get(job.key) ?? [];
  if (job.record) samples.set(job.key, latencies);
  const setupRequest = signer(job);
  const instance = autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    timeout: 10,
    requests: [{ method: 'POST', headers: job.headers, body: job.body, ...(setupRequest ? { setupRequest } : {}) }],
    verifyBody: isGraphQLSuccess,
  });
  if (job.record) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const r = await instance;
  return {
    completed: r.requests.total,
    seconds: r.duration,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    graphqlErrors: r.mismatches,
  };
}

process.on('message', (msg: ChildRequest) => {
  const work = msg.type === 'run' ? run(msg.job) : Promise.resolve(latencyStats(samples.get(msg.key) ?? []));
  work.then(
    (result) => send({ id: msg.id, ok: true, result }),
    (err: unknown) => send({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
// Ctrl-C reaches the whole process group: let the bench finish the slice and stop us itself.
process.on('SIGINT', () => {});
send({ type: 'ready' });
