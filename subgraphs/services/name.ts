/** The services subgraph's name: its audience for gateway signatures and its public route prefix. */
export const SERVICES_SUBGRAPH = 'services';
