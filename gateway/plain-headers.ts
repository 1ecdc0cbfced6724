// Headers as a plain map, for the gateway's own subgraph calls: the parts of the Fetch API's
// `Headers` that Apollo Gateway and our data source use (get, has, set, append, delete,
// iteration), without the per-call validation and copying of node-fetch's or undici's Headers
// (measured: a few percent of the gateway's CPU per request, issue 13). Names are lower case,
// as HTTP/2 sends them and as Node hands them over; values are what the gateway itself wrote
// (base64url context, signature fields) or what undici already parsed from a subgraph's answer.
export class PlainHeaders implements Iterable<[string, string]> {
  private readonly map = new Map<string, string>();

  constructor(init?: Iterable<[string, string]> | Record<string, string | string[] | undefined>) {
    if (!init) return;
    if (Symbol.iterator in init) {
      for (const [name, value] of init as Iterable<[string, string]>) this.append(name, value);
      return;
    }
    for (const [name, value] of Object.entries(init)) {
      if (typeof value === 'string') this.append(name, value);
      else if (Array.isArray(value)) for (const v of value) this.append(name, v);
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), String(value));
  }

  /** As the Fetch API does: a repeated field's values joined with ", ". */
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const prior = this.map.get(key);
    this.map.set(key, prior === undefined ? String(value) : `${prior}, ${value}`);
  }

  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }

  forEach(fn: (value: string, name: string) => void): void {
    for (const [name, value] of this.map) fn(value, name);
  }

  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  values(): IterableIterator<string> {
    return this.map.values();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }

  /** A plain object of the fields, as a fetcher takes them. */
  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of this.map) out[name] = value;
    return out;
  }
}
