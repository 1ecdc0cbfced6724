// OAI-PMH 2.0 at /oai (GET and POST form), R-4.16: the six verbs over every public kind the
// subgraphs serve (client.ts), `oai_dc` for all and `vbpl` (vbpl.xsd) for legal documents,
// sets per kind (`kind:news`) and per agency (`agency:000.00.00.H30`), seconds granularity,
// persistent deleted records, stateless resumption tokens (token.ts) and every protocol error.
// Identifiers are the items' public URLs. Protocol errors are HTTP 200 with an <error>, as the
// protocol says; a subgraph that cannot answer makes a 503 with Retry-After.
import type { Request, Response } from 'express';
import type { HarvestQuery, HarvestRecord } from '../../schema/contract/harvest.ts';
import { HarvestUnavailable, type Catalogue, type HarvestClient, type OwnedKind } from './client.ts';
import { renderMetadata, FORMATS, type FormatPrefix } from './oai-formats.ts';
import type { TokenCodec, TokenState } from './token.ts';
import { el, esc } from './xml.ts';

export interface OaiOptions {
  client: HarvestClient;
  codec: TokenCodec;
  repositoryName: string;
  adminEmails: string[];
  /** The hub's public origin; the base URL is `<origin>/oai`. */
  publicBaseUrl(): string;
  pageSize: number;
  tokenTtlS: number;
  now(): Date;
}

type Verb = 'Identify' | 'ListMetadataFormats' | 'ListSets' | 'GetRecord' | 'ListIdentifiers' | 'ListRecords';
type ErrorCode =
  'badArgument' | 'badResumptionToken' | 'badVerb' | 'cannotDisseminateFormat' | 'idDoesNotExist' | 'noRecordsMatch' | 'noMetadataFormats' | 'noSetHierarchy';

const ARGS: Record<Verb, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
};

const SPEC_CHARS = "[A-Za-z0-9\\-_.!~*'()]+";
const SET_SPEC = new RegExp(`^${SPEC_CHARS}(:${SPEC_CHARS})*$`);
const PREFIX = new RegExp(`^${SPEC_CHARS}$`);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

class OaiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A datestamp argument: its instant and granularity, or null when it is not one. */
function parseDatestamp(value: string, end: boolean): { iso: string; day: boolean } | null {
  const day = DAY.test(value);
  if (!day && !SECONDS.test(value)) return null;
  const d = new Date(day ? `${value}T${end ? '23:59:59' : '00:00:00'}Z` : value);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value.slice(0, 10)) return null;
  return { iso: d.toISOString().replace(/\.\d{3}Z$/, 'Z'), day };
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function createOaiHandler(opts: OaiOptions) {
  const baseUrl = () => `${opts.publicBaseUrl()}/oai`;

  function envelope(res: Response, requestEl: string, body: string) {
    res.status(200);
    res.setHeader('Content-Type', 'text/xml; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.send(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
        'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">' +
        `<responseDate>${iso(opts.now())}</responseDate>${requestEl}${body}</OAI-PMH>\n`,
    );
  }

  const requestElement = (args: Record<string, string>) => el('request', baseUrl(), args);

  function header(r: HarvestRecord, cat: Catalogue): string {
    const named = (r.agencyNames ?? []).flatMap((n) => cat.sets.filter((s) => s.keys?.includes(n)).map((s) => s.spec.slice('agency:'.length)));
    const referred = (r.agencyIds ?? []).flatMap((id) => cat.sets.filter((s) => s.ids?.includes(id)).map((s) => s.spec.slice('agency:'.length)));
    const codes = [...new Set([...r.agencies, ...named, ...referred])];
    const sets = [`kind:${r.kind}`, ...codes.filter((a) => SET_SPEC.test(`agency:${a}`)).map((a) => `agency:${a}`)];
    return (
      `<header${r.deleted ? ' status="deleted"' : ''}>${el('identifier', r.url)}${el('datestamp', r.datestamp)}` +
      `${sets.map((s) => el('setSpec', s)).join('')}</header>`
    );
  }

  const record = (r: HarvestRecord, prefix: FormatPrefix, cat: Catalogue) =>
    `<record>${header(r, cat)}${r.deleted ? '' : `<metadata>${renderMetadata(prefix, r, opts.publicBaseUrl())}</metadata>`}</record>`;

  function checkPrefix(prefix: string): FormatPrefix {
    if (!(prefix in FORMATS)) throw new OaiError('cannotDisseminateFormat', `The metadata format ${prefix} is not served here.`);
    return prefix as FormatPrefix;
  }

  /** The kinds a list covers and the filter, from the set argument and the format. */
  function scope(
    cat: Catalogue,
    prefix: FormatPrefix,
    set: string | undefined,
  ): { kinds: OwnedKind[]; agency?: string; agencyName?: string; agencyIds?: string[] } {
    const disseminable = cat.kinds.filter((k) => prefix === 'oai_dc' || k.formats.includes(prefix));
    if (!set) return { kinds: disseminable };
    if (set.startsWith('kind:')) {
      const kinds = disseminable.filter((k) => `kind:${k.kind}` === set);
      if (!kinds.length) throw new OaiError('noRecordsMatch', 'No records in this set for this format.');
      return { kinds };
    }
    const agencySet = set.startsWith('agency:') ? cat.sets.find((s) => s.spec === set) : undefined;
    if (agencySet) return { kinds: disseminable, agency: set.slice('agency:'.length), agencyName: agencySet.keys?.[0], agencyIds: agencySet.ids };
    throw new OaiError('noRecordsMatch', 'There is no such set.');
  }

  /** The agency of an `agency:<code>` set, with the folded name sources that name it use. */
  const agencyOf = (cat: Catalogue, set: string | undefined) => {
    const found = set?.startsWith('agency:') ? cat.sets.find((s) => s.spec === set) : undefined;
    return { agency: found ? set!.slice('agency:'.length) : undefined, agencyName: found?.keys?.[0], agencyIds: found?.ids };
  };

  const queryOf = (
    s: Pick<TokenState, 'from' | 'until'>,
    kind: string,
    a: { agency?: string; agencyName?: string; agencyIds?: string[] },
  ): Omit<HarvestQuery, 'after' | 'limit' | 'order'> => ({
    kind,
    from: s.from,
    until: s.until,
    agency: a.agency,
    agencyName: a.agency ? a.agencyName : undefined,
    agencyIds: a.agency && a.agencyIds?.length ? a.agencyIds : undefined,
    deleted: true,
  });

  async function listPage(cat: Catalogue, s: TokenState, resumed: boolean): Promise<string> {
    const prefix = s.prefix as FormatPrefix;
    const agency = agencyOf(cat, s.set);
    const records: HarvestRecord[] = [];
    const kinds = [...s.kinds];
    let cursor = s.cursor;
    while (records.length < opts.pageSize && kinds.length) {
      const kind = cat.kinds.find((k) => k.kind === kinds[0]);
      if (!kind) {
        kinds.shift();
        cursor = null;
        continue;
      }
      const page = await opts.client.page(kind, {
        ...queryOf(s, kind.kind, agency),
        after: cursor ?? undefined,
        limit: opts.pageSize - records.length,
        order: 'changed',
        brief: s.verb === 'ListIdentifiers',
      });
      records.push(...page.records);
      cursor = page.next;
      if (!cursor) kinds.shift();
    }
    if (!records.length) throw new OaiError('noRecordsMatch', 'No records match.');
    let token = '';
    if (kinds.length) {
      const exp = Math.floor(opts.now().getTime() / 1000) + opts.tokenTtlS;
      const next = opts.codec.encode({ ...s, kinds, cursor, done: s.done + records.length, exp });
      token = el('resumptionToken', next, { expirationDate: iso(new Date(exp * 1000)), completeListSize: s.total, cursor: s.done });
    } else if (resumed) {
      token = el('resumptionToken', '', { completeListSize: s.total, cursor: s.done });
    }
    const items = records.map((r) => (s.verb === 'ListRecords' ? record(r, prefix, cat) : header(r, cat))).join('');
    return `<${s.verb}>${items}${token}</${s.verb}>`;
  }

  async function firstListState(verb: 'ListIdentifiers' | 'ListRecords', args: Record<string, string>): Promise<TokenState> {
    const from = args.from ? parseDatestamp(args.from, false) : undefined;
    const until = args.until ? parseDatestamp(args.until, true) : undefined;
    if (from === null || until === null) throw new OaiError('badArgument', 'from and until are YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.');
    if (from && until && from.day !== until.day) throw new OaiError('badArgument', 'from and until must have the same granularity.');
    if (from && until && from.iso > until.iso) throw new OaiError('badArgument', 'from is later than until.');
    if (args.set && !SET_SPEC.test(args.set)) throw new OaiError('badArgument', 'set is not a setSpec.');
    const prefix = checkPrefix(args.metadataPrefix!);
    const cat = await opts.client.catalogue();
    const { kinds, ...agency } = scope(cat, prefix, args.set);
    const base = { from: from?.iso, until: until?.iso };
    const counts = await Promise.all(kinds.map((k) => opts.client.count(k, queryOf(base, k.kind, agency))));
    const total = counts.reduce((a, b) => a + b, 0);
    if (!total) throw new OaiError('noRecordsMatch', 'No records match.');
    return {
      v: 1,
      verb,
      prefix,
      ...base,
      set: args.set,
      kinds: kinds.filter((_, i) => counts[i]! > 0).map((k) => k.kind),
      cursor: null,
      done: 0,
      total,
      exp: 0,
    };
  }

  async function identify(): Promise<string> {
    const cat = await opts.client.catalogue();
    const firsts = await Promise.all(cat.kinds.map((k) => opts.client.page(k, { kind: k.kind, limit: 1, order: 'changed', deleted: true })));
    const stamps = firsts.flatMap((p) => p.records.map((r) => r.datestamp)).sort();
    return (
      `<Identify>${el('repositoryName', opts.repositoryName)}${el('baseURL', baseUrl())}<protocolVersion>2.0</protocolVersion>` +
      `${opts.adminEmails.map((e) => el('adminEmail', e)).join('')}${el('earliestDatestamp', stamps[0] ?? '1970-01-01T00:00:00Z')}` +
      `<deletedRecord>persistent</deletedRecord><granularity>YYYY-MM-DDThh:mm:ssZ</granularity></Identify>`
    );
  }

  const formatElement = (prefix: FormatPrefix) => {
    const f = FORMATS[prefix];
    return `<metadataFormat>${el('metadataPrefix', prefix)}${el('schema', f.schema(opts.publicBaseUrl()))}${el('metadataNamespace', f.namespace)}</metadataFormat>`;
  };

  async function resolve(identifier: string): Promise<{ record: HarvestRecord; kind: OwnedKind | undefined }> {
    let valid = true;
    try {
      new URL(identifier);
    } catch {
      valid = false;
    }
    const record = valid ? await opts.client.resolve(identifier) : null;
    if (!record) throw new OaiError('idDoesNotExist', 'No item has this identifier.');
    const kind = (await opts.client.catalogue()).kinds.find((k) => k.kind === record.kind);
    return { record, kind };
  }

  async function respond(verb: Verb, args: Record<string, string>): Promise<string> {
    switch (verb) {
      case 'Identify':
        return identify();
      case 'ListMetadataFormats': {
        if (!args.identifier) return `<ListMetadataFormats>${(Object.keys(FORMATS) as FormatPrefix[]).map(formatElement).join('')}</ListMetadataFormats>`;
        const { kind } = await resolve(args.identifier);
        const prefixes = (Object.keys(FORMATS) as FormatPrefix[]).filter((p) => p === 'oai_dc' || kind?.formats.includes(p));
        if (!prefixes.length) throw new OaiError('noMetadataFormats', 'This item has no metadata format.');
        return `<ListMetadataFormats>${prefixes.map(formatElement).join('')}</ListMetadataFormats>`;
      }
      case 'ListSets': {
        if (args.resumptionToken) throw new OaiError('badResumptionToken', 'ListSets answers in one response: there is no token to resume.');
        const cat = await opts.client.catalogue();
        const sets = [...cat.kinds.map((k) => ({ spec: `kind:${k.kind}`, name: k.label.vi })), ...cat.sets.filter((s) => SET_SPEC.test(s.spec))];
        if (!sets.length) throw new OaiError('noSetHierarchy', 'This repository has no sets.');
        return `<ListSets>${sets.map((s) => `<set>${el('setSpec', s.spec)}${el('setName', s.name)}</set>`).join('')}</ListSets>`;
      }
      case 'GetRecord': {
        const prefix = checkPrefix(args.metadataPrefix!);
        const { record: r, kind } = await resolve(args.identifier!);
        if (prefix !== 'oai_dc' && !kind?.formats.includes(prefix)) throw new OaiError('cannotDisseminateFormat', `This item has no ${prefix} format.`);
        return `<GetRecord>${record(r, prefix, await opts.client.catalogue())}</GetRecord>`;
      }
      case 'ListIdentifiers':
      case 'ListRecords': {
        if (args.resumptionToken) {
          const s = opts.codec.decode(args.resumptionToken, opts.now().getTime());
          if (!s || s.verb !== verb) throw new OaiError('badResumptionToken', 'The resumption token is invalid or has expired.');
          return listPage(await opts.client.catalogue(), s, true);
        }
        return listPage(await opts.client.catalogue(), await firstListState(verb, args), false);
      }
    }
  }

  /** The arguments, checked against the verb; OaiError for anything the protocol refuses. */
  function checkArgs(raw: Record<string, unknown>): { verb: Verb; args: Record<string, string> } {
    const verb = raw.verb;
    if (typeof verb !== 'string' || !Object.hasOwn(ARGS, verb)) throw new OaiError('badVerb', 'Illegal or missing verb.');
    const spec = ARGS[verb as Verb];
    const args: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'verb') continue;
      if (typeof value !== 'string') throw new OaiError('badArgument', `${key} is repeated or malformed.`);
      if (![...spec.required, ...spec.optional, spec.exclusive].includes(key)) throw new OaiError('badArgument', `${key} is not an argument of ${verb}.`);
      args[key] = value;
    }
    if (spec.exclusive && args[spec.exclusive] !== undefined) {
      if (Object.keys(args).length > 1) throw new OaiError('badArgument', `${spec.exclusive} is an exclusive argument.`);
    } else {
      for (const r of spec.required) if (!args[r]) throw new OaiError('badArgument', `${r} is required.`);
    }
    if (args.metadataPrefix !== undefined && !PREFIX.test(args.metadataPrefix)) throw new OaiError('badArgument', 'metadataPrefix is malformed.');
    if (args.identifier !== undefined && (args.identifier.length > 2000 || /\s/.test(args.identifier)))
      throw new OaiError('badArgument', 'identifier is malformed.');
    if (args.resumptionToken !== undefined && args.resumptionToken.length > 4000) throw new OaiError('badResumptionToken', 'The resumption token is invalid.');
    return { verb: verb as Verb, args };
  }

  return async (req: Request, res: Response) => {
    const raw = (req.method === 'POST' ? (req.body ?? {}) : req.query) as Record<string, unknown>;
    let checked: { verb: Verb; args: Record<string, string> } | undefined;
    try {
      checked = checkArgs(raw);
      const body = await respond(checked.verb, checked.args);
      envelope(res, requestElement({ verb: checked.verb, ...checked.args }), body);
    } catch (err) {
      if (err instanceof OaiError) {
        // badVerb and badArgument echo no arguments: they may not be valid attribute values.
        const echo = checked && err.code !== 'badVerb' && err.code !== 'badArgument' ? { verb: checked.verb, ...checked.args } : {};
        return envelope(res, requestElement(echo), `<error code="${err.code}">${esc(err.message)}</error>`);
      }
      if (err instanceof HarvestUnavailable) {
        res.setHeader('Retry-After', '60');
        return void res.status(503).type('text/plain; charset=utf-8').send('Service temporarily unavailable: retry later.');
      }
      throw err;
    }
  };
}
