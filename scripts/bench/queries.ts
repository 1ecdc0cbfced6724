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
