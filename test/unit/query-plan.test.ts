// The gateway's query plans for the cross-subgraph joins, computed by Apollo's query planner on
// the committed supergraph: how many fetches each join costs, to which subgraph, and that every
// fetch after the first runs once for all the items of a list (a Flatten over `@`), never once
// per item. (test/e2e/one-graph.test.ts checks the same joins answer through a running gateway.)
import { readFileSync } from 'node:fs';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';

const supergraph = Supergraph.build(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const planner = new QueryPlanner(supergraph);

interface Fetch {
  service: string;
  /** The list path the fetch is flattened over ("agencies.nodes.@"), or null for a root fetch. */
  path: string | null;
}

function fetchesOf(plan: QueryPlan): Fetch[] {
  const out: Fetch[] = [];
  const walk = (node: PlanNode | undefined, path: string | null): void => {
    if (!node) return;
    switch (node.kind) {
      case 'Fetch':
        out.push({ service: node.serviceName, path });
        return;
      case 'Flatten':
        return walk(node.node, node.path.join('.'));
      case 'Sequence':
      case 'Parallel':
        return node.nodes.forEach((n) => walk(n, path));
      default:
        throw new Error(`unexpected plan node ${node.kind}`);
    }
  };
  walk(plan.node as PlanNode | undefined, null);
  return out;
}

const plan = (query: string) => fetchesOf(planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query))));

describe('query plans of the cross-subgraph joins', () => {
  it('Agency → legalDocuments → gazette issues: portal, then legal once for every agency', () => {
    const fetches = plan(`{ agencies(first: 50) { nodes { slug
      legalDocuments(first: 3) { nodes { number { normalised } gazetteIssues(first: 3) { nodes { issue { label } } } } } } } }`);
    expect(fetches).toEqual([
      { service: 'portal', path: null },
      { service: 'legal', path: 'agencies.nodes.@' },
    ]);
  });

  it('LegalDocument → issuingAgencies → officials: legal, then portal once for every issuer', () => {
    const fetches = plan(`{ searchLegalDocuments(first: 20) { nodes { numberKey issuingAgencies { code officials { fullName } } } } }`);
    expect(fetches).toEqual([
      { service: 'legal', path: null },
      { service: 'portal', path: 'searchLegalDocuments.nodes.@.issuingAgencies.@' },
    ]);
  });

  it('LegalDocument → issuingAgencies joins on the one issuer key legal fills either half of (code or name), never on nameKey alone', () => {
    const q = planner.buildQueryPlan(
      operationFromDocument(supergraph.schema, parse(`{ searchLegalDocuments(first: 20) { nodes { issuingAgencies { code nameKey } } } }`)),
    );
    expect(fetchesOf(q)).toEqual([
      { service: 'legal', path: null },
      { service: 'portal', path: 'searchLegalDocuments.nodes.@.issuingAgencies.@' },
    ]);
    // The representations legal hands the portal: the issuer key, whose code or name half legal filled.
    expect(JSON.stringify(q)).toContain('issuingAgencies{__typename issuerKey{code nameKey}}');
  });

  it('LegalDocument → issuingAgencies → legalDocuments: legal, the portal’s code and name for every issuer at once, legal once', () => {
    const fetches = plan(`{ searchLegalDocuments(first: 20) { nodes { issuingAgencies { legalDocuments(first: 5) { nodes { numberKey } } } } } }`);
    expect(fetches).toEqual([
      { service: 'legal', path: null },
      { service: 'portal', path: 'searchLegalDocuments.nodes.@.issuingAgencies.@' },
      { service: 'legal', path: 'searchLegalDocuments.nodes.@.issuingAgencies.@' },
    ]);
  });

  it('Directive → legalBases → validity on a date: portal, then legal once for every citation', () => {
    const fetches = plan(`{ directives(first: 20) { nodes { legalBases { text document { title validityOn(date: "2024-01-01") { status { code } } } } } } }`);
    expect(fetches).toEqual([
      { service: 'portal', path: null },
      { service: 'legal', path: 'directives.nodes.@.legalBases.@.document' },
    ]);
  });

  it('LegalDocument → relatedContent → the items’ legal bases: legal, portal, legal — three fetches for any number of items', () => {
    const fetches = plan(`{ searchLegalDocuments(first: 20) { nodes { relatedContent(first: 10) { nodes { __typename
      ... on PlanItem { legalBases { document { title } } } } } } } }`);
    expect(fetches.map((f) => f.service)).toEqual(['legal', 'portal', 'legal']);
    expect(fetches.slice(1).every((f) => f.path?.includes('@'))).toBe(true);
  });
});
