// Public routes come from the subgraphs' definitions: the committed manifest the gateway reads
// (schema/public-routes.json) is what the definitions declare, and nothing else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PUBLIC_ROUTES_PATH, matchPublicRoute, readPublicRoutes } from '../../gateway/public-routes.ts';
import { publicRoutesManifest } from '../../scripts/compose.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';

describe('the public routes manifest', () => {
  it('is what the subgraph definitions declare', () => {
    expect(readFileSync(DEFAULT_PUBLIC_ROUTES_PATH, 'utf8')).toBe(publicRoutesManifest());
    const routes = readPublicRoutes();
    for (const sg of SUBGRAPHS) expect(routes[sg.name] ?? [], sg.name).toEqual([...(sg.publicRoutes ?? [])]);
    expect(routes.services).toContain('/data/usage-statistics/:file');
  });

  it('matches paths exactly, one safe segment per parameter', () => {
    const { services } = readPublicRoutes();
    expect(matchPublicRoute(services!, ['data', 'usage-statistics', '2026-01_2026-03.csv'])).toEqual(['data', 'usage-statistics', '2026-01_2026-03.csv']);
    expect(matchPublicRoute(services!, ['data', 'usage-statistics'])).toBeUndefined();
    expect(matchPublicRoute(services!, ['Data', 'usage-statistics', 'x.csv'])).toBeUndefined();
    expect(matchPublicRoute(services!, ['data', 'usage-statistics', '..'])).toBeUndefined();
  });

  it('refuses a missing or malformed manifest at boot', () => {
    expect(() => readPublicRoutes('/nonexistent/public-routes.json')).toThrow(/npm run compose/);
    expect(() => readPublicRoutes(new URL('../../package.json', import.meta.url).pathname)).toThrow(/not a JSON object/);
  });
});
