// Refusals of anonymous callers are counted, not written (issue 7 finding 14): an anonymous
// flood of board actions would otherwise fill the audit log, one row per request. Refusals of
// authenticated actors (a token with a subject) still get their audit row (A22): those say who
// tried what. This counter is in-process; the metrics endpoint reads it.

const counts = new Map<string, number>();

/** Whether a refusal of this caller is worth an audit row: only callers with an identity. */
export const isAuditable = (actor: { id?: string }): boolean => typeof actor.id === 'string' && actor.id.length > 0;

/** Counts one refused anonymous attempt, by subgraph and action. */
export function countAnonymousRefusal(subgraph: string, action: string): void {
  const key = `${subgraph}\u0000${action}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Every counter: `hub_anonymous_refusals_total{subgraph, action}` for the metrics endpoint. */
export function anonymousRefusals(): { subgraph: string; action: string; count: number }[] {
  return [...counts].map(([key, count]) => {
    const [subgraph, action] = key.split('\u0000') as [string, string];
    return { subgraph, action, count };
  });
}
