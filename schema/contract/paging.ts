// Page sizes, one contract: the subgraphs refuse a `first` above MAX_PAGE_SIZE, and the
// gateway's cost model counts a list without `first` as DEFAULT_PAGE_SIZE items. A gateway
// configured to accept larger pages than the subgraphs serve refuses to boot (gateway/config.ts).
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
