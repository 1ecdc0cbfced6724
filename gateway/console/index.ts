// The operator console: a static page (no build step, no CDN) whose figures all come from
// ADMIN-only sources — the graph (sync state, R-17 compliance) and /console/api/status
// (subgraph health, breakers, jobs, backups). The page itself holds no data; the token an
// operator enters stays in the tab (sessionStorage) and goes out as a bearer header.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';

const dir = import.meta.dirname;
const files = {
  page: readFileSync(path.join(dir, 'console.html'), 'utf8'),
  script: readFileSync(path.join(dir, 'console.js'), 'utf8'),
  charts: readFileSync(path.join(dir, 'charts.js'), 'utf8'),
};

export function mountConsole(app: Express) {
  app.get('/console', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(files.page);
  });
  app.get('/console/console.js', (_req, res) => {
    res.type('application/javascript').send(files.script);
  });
  app.get('/console/charts.js', (_req, res) => {
    res.type('application/javascript').send(files.charts);
  });
}
