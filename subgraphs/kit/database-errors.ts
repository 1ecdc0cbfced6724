// A database that cannot be reached (refused, reset, cut mid-query, pool exhausted, server
// shutting down) is a temporary condition of the hub, not a bug: the client gets
// SERVICE_UNAVAILABLE, which says "retry" (with the same Idempotency-Key for a mutation), not
// INTERNAL_SERVER_ERROR (C7). Errors come wrapped by Prisma (its P-codes, the driver's error as
// `cause`) or straight from pg (`readRows` in schema/db/read-rows.ts reads on the pool directly):
// a socket error's code (Node also sets it on the AggregateError of a host whose every address
// refused), PostgreSQL's SQLSTATE, pg-pool's messages.

const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  // PostgreSQL: admin/crash shutdown, cannot connect now, connection exceptions (class 08).
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // PostgreSQL: too many connections (the server's, a role's or a database's limit).
  '53300',
  // A statement cancelled by the server's statement_timeout (15 s: schema/db/prisma.ts): the
  // database is overloaded or a lock is held; the client should retry later, like any outage.
  '57014',
  // Prisma: cannot reach, timed out, server closed the connection, pool timeout.
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
  // Prisma: too many database connections opened (PostgreSQL's 53300).
  'P2037',
  // Prisma: an interactive transaction whose connection was lost mid-way (nothing committed).
  'P2028',
]);

/** Prisma driver adapters' error kinds (DriverAdapterError's `cause.kind`) that mean the same. */
const ADAPTER_KINDS = new Set(['ConnectionClosed', 'SocketTimeout', 'DatabaseNotReachable', 'TooManyConnections', 'TlsConnectionError']);

const MESSAGES =
  /ECONNREFUSED|ECONNRESET|Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database server|Server has closed the connection|terminating connection|Client has encountered a connection error|Connection refused|socket hang up|Transaction already closed|Transaction not found|not queryable|Connection closed|Cannot use a pool after calling end|canceling statement due to statement timeout/i;

/** Whether an error (or one it wraps) says the database is out of reach. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth += 1) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; kind?: unknown };
    if (typeof e.code === 'string' && CODES.has(e.code)) return true;
    if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
    current = e.originalError ?? e.cause;
  }
  return false;
}
