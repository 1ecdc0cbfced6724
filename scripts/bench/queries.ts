// What the bench sends: the portal's front page (a realistic, nested query) and a light lookup.
// The same text goes to the gateway and, signed, straight to the portal subgraph.

/** Home page of the portal: latest articles with their category, agency and attachments, and
 * the organisation tree's top level with leaders. Within the gateway's default limits. */
export const FRONT_PAGE = {
  name: 'front page',
  query: `query FrontPage($first: Int!) {
  articles(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id slug publishedAt isReused
      title { vi en }
      summary { vi en }
      source { name url author }
      category { slug name { vi en } }
      agency { slug shortName name { vi } }
      attachments { fileName mediaType byteSize caption { vi } }
    }
  }
  agencies(first: 20, filter: { rootsOnly: true }) {
    totalCount
    nodes {
      slug code name { vi en } phone email website
      children { slug name { vi } }
      officials { fullName position { vi } isLeader phone email }
    }
  }
}`,
  variables: { first: 10 },
};

/** One agency by slug: a single small lookup. */
export const AGENCY_LOOKUP = {
  name: 'agency(slug:)',
  query: `query Agency($slug: String!) {
  agency(slug: $slug) { id code slug name { vi en } phone email website }
}`,
  variables: { slug: 'so-tu-phap-phu-tho' },
};

export type BenchQuery = typeof FRONT_PAGE | typeof AGENCY_LOOKUP;

export const bodyOf = (q: BenchQuery) => JSON.stringify({ query: q.query, variables: q.variables });

/** A scenario of the peer bench (peers.ts): `direct` when the portal alone can answer it. */
export interface PeerScenario {
  key: string;
  query: string;
  variables: Record<string, unknown>;
  direct: boolean;
}

export const PEER_SCENARIOS: PeerScenario[] = [
  { key: 'light', query: AGENCY_LOOKUP.query, variables: AGENCY_LOOKUP.variables, direct: true },
  { key: 'front-page', query: FRONT_PAGE.query, variables: FRONT_PAGE.variables, direct: true },
  {
    key: 'two-subgraphs',
    // 50 articles with their agency beside 50 legal documents with their relations.
    query: `query Two {
  articles(first: 50) { nodes { slug title { vi } publishedAt agency { slug shortName } } }
  searchLegalDocuments(first: 50) { totalCount nodes { number { normalised } title issueDate type { code name } relations(first: 5) { nodes { type label { vi } number title } } } }
}`,
    variables: {},
    direct: false,
  },
  {
    key: 'entity-join',
    // portal → legal (every agency's documents at once) → legal's gazette issues.
    query: `query Join {
  agencies(first: 20, filter: { asOf: "2020-01-01" }) { nodes { slug legalDocuments(first: 3) { nodes { number { normalised } gazetteIssues(first: 3) { nodes { issue { label } } } } } } }
}`,
    variables: {},
    direct: false,
  },
  {
    key: 'entities-500',
    // 100 agencies × up to 5 documents each, and each document's issuing agencies back from portal.
    query: `query Many {
  agencies(first: 100) { nodes { code legalDocuments(first: 5) { nodes { numberKey title issuingAgencies { code name { vi } } } } } }
}`,
    variables: {},
    direct: false,
  },
];
