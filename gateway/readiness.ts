// Readiness of the subgraphs behind the gateway (each checks its own database). /ready is on
// the public port: one check is shared by every probe for a second, so a flood of probes does
// not turn into a flood of subgraph and database calls.
const CACHE_MS = 1_000;
const CHECK_TIMEOUT_MS = 2_000;

export type SubgraphReadiness = Record<string, boolean>;

export function createReadiness(urls: Record<string, string>, now = () => Date.now()): () => Promise<SubgraphReadiness> {
  let last: { at: number; answer: Promise<SubgraphReadiness> } | undefined;
  return () => {
    if (!last || now() - last.at >= CACHE_MS) last = { at: now(), answer: checkAll(urls) };
    return last.answer;
  };
}

async function checkAll(urls: Record<string, string>): Promise<SubgraphReadiness> {
  const entries = await Promise.all(Object.entries(urls).map(async ([name, url]) => [name, await check(url)] as const));
  return Object.fromEntries(entries);
}

async function check(url: string): Promise<boolean> {
  try {
    const res = await fetch(url.replace(/\/graphql$/, '/ready'), { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
