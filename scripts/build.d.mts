// Types of scripts/build.mjs (plain JavaScript: it runs before anything is built).
export declare const ROOT: string;
export declare const DIST: string;
export declare const ENTRIES: Record<'start' | 'gateway' | 'subgraph' | 'hub', string>;
export declare function build(opts?: { quiet?: boolean; outdir?: string }): Promise<number>;
export declare function isFresh(): Promise<boolean>;
export declare function ensureBuilt(): Promise<boolean>;
