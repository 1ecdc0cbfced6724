// A test file's own Redis database (0–15), for tests whose assertions depend on the content
// version (schema/cache/content-version.ts): it is one counter per Redis database, and test
// files running at the same time in other workers publish content — bumping the counter of the
// database they share (REDIS_URL's, 0) between two requests of this file. A database of its own
// keeps this file's version its own (the test hubs run without Redis; only the gateways a test
// starts with this URL, and what this process publishes, use it).
export function isolatedRedisUrl(db: number): string {
  const url = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  url.pathname = `/${db}`;
  return url.toString();
}
