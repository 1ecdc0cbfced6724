// A small GraphQL explorer served by the gateway itself: no CDN, works offline. Enabled
// wherever introspection is (development by default).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';

const dir = import.meta.dirname;
const page = readFileSync(path.join(dir, 'explorer.html'), 'utf8');
const script = readFileSync(path.join(dir, 'explorer.js'), 'utf8');

export function mountExplorer(app: Express) {
  app.get(['/', '/explorer'], (_req, res) => {
    res.type('html').send(page);
  });
  app.get('/explorer.js', (_req, res) => {
    res.type('application/javascript').send(script);
  });
}
