// Serves the GraphQL IDE (GraphiQL 5) built by `npm run build:ide` into gateway/ide/dist: no
// CDN, works offline. Mounted where config.ide says (off in production unless GRAPHQL_IDE=true).
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { sendError } from '../http-guards.ts';

export const IDE_DIST = path.join(import.meta.dirname, 'dist');

export function mountIde(app: Express) {
  const built = existsSync(path.join(IDE_DIST, 'index.html'));
  app.get(['/', '/explorer'], (_req, res) => res.redirect(302, '/ide/'));
  if (!built) {
    app.get('/ide', (_req, res) => sendError(res, 503, 'SERVICE_UNAVAILABLE', 'The GraphQL IDE is not built: run npm run build:ide.'));
    return;
  }
  // Hashed asset names: cache for a year; the page itself is always revalidated.
  app.use('/ide/assets', express.static(path.join(IDE_DIST, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  // Express's non-strict routing answers /ide and /ide/ here (assets are absolute: base /ide/).
  app.get('/ide', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(path.join(IDE_DIST, 'index.html'));
  });
}
