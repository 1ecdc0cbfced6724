// SOAP for every adapter, on the `soap` package built from a committed WSDL with an `endpoint`
// override. The soap package's own axios client has no timeout and no body limit by default,
// and its timeout is an idle-socket one that a 1 byte/s trickle defeats; so instead of tuning
// axios we hand soap the kit's HTTP client (its `httpClient` option): one deadline for the
// whole call, a streaming byte cap, the URL guard and keep-alive, like every other adapter.
// Before soap's sax parser sees a body, the kit screens it: DOCTYPE/entities and
// prototype-polluting names are refused (B12, B14) as UPSTREAM_INVALID_RESPONSE; an HTML
// error page is UPSTREAM_UNAVAILABLE (B13); a SOAP fault is UPSTREAM_FAULT. Answers are checked
// against a zod schema: soap returns whatever the XML held.
import { readFileSync } from 'node:fs';
import type { Client, IHttpClient } from 'soap';
import { z } from 'zod';
import { UpstreamFailure, classifyFailure, failureFromStatus } from './errors.ts';
import { mediaType, responseText, type HttpClient, type HttpResponse } from './http.ts';
import { screenXml } from './xml.ts';

/** Per-call options soap passes through to our HTTP client. */
interface CallTrace {
  signal: AbortSignal;
  /** A body reached soap's parser: any later soap error is about the body, not the network. */
  delivered: boolean;
}

/** B15: the WSDL is committed and self-contained; an import would make soap fetch a URL. */
export function assertSelfContainedWsdl(path: string): void {
  const text = readFileSync(path, 'utf8');
  if (/<(?:[\w-]+:)?(?:import|include|redefine)\b/.test(text)) {
    throw new Error('WSDL must be self-contained: it imports or includes another document');
  }
}

/** soap's IHttpClient on top of the kit's client. The callback is called exactly once. */
function soapHttp(http: HttpClient, maxBytes: number): IHttpClient {
  return {
    request(url, data, callback, headers, options) {
      const trace = options as CallTrace;
      const call = http
        .request({ method: 'POST', url, body: String(data), headers: stringHeaders(headers), signal: trace.signal })
        .then(
          (res) => {
            try {
              return { answer: checkedAnswer(res, maxBytes) };
            } catch (error) {
              return { error };
            }
          },
          (error: unknown) => ({ error }),
        )
        .then((outcome) => {
          if ('error' in outcome) return callback(outcome.error);
          trace.delivered = true;
          return callback(null, outcome.answer, outcome.answer.data);
        });
      return call as unknown as ReturnType<IHttpClient['request']>;
    },
  };
}

/** What soap may parse: an XML envelope, screened; everything else is an UpstreamFailure. */
function checkedAnswer(res: HttpResponse, maxBytes: number): { status: number; headers: Record<string, string>; data: string } {
  const text = responseText(res);
  const isXml = mediaType(res).endsWith('xml') && !/^\s*<(?:!doctype\s+)?html/i.test(text);
  // A SOAP fault comes as 500 with an envelope: soap reads it. Anything else is plain HTTP.
  const failure = res.status === 500 && isXml ? null : failureFromStatus(res.status, res.headers);
  if (failure) throw failure;
  if (!isXml) throw new UpstreamFailure('unavailable', 'non-XML answer (an error page?)', { status: res.status });
  screenXml(text, maxBytes);
  return { status: res.status, headers: res.headers, data: text };
}

function stringHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined && !/^(content-length|connection|host)$/i.test(name)) out[name] = String(value);
  }
  return out;
}

/** Why a soap call failed, as an UpstreamFailure. */
function soapFailure(error: unknown, trace: CallTrace): UpstreamFailure {
  if (error instanceof UpstreamFailure) return error;
  const fault = (error as { root?: { Envelope?: { Body?: { Fault?: { faultcode?: unknown } } } } }).root?.Envelope?.Body?.Fault;
  if (fault) return new UpstreamFailure('fault', `SOAP fault ${String(fault.faultcode ?? '')}`, { status: 500, cause: error });
  if (trace.delivered) return new UpstreamFailure('invalid', 'unreadable SOAP body', { cause: error });
  return classifyFailure(error);
}

function parseWire<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UpstreamFailure('invalid', 'SOAP body does not match the WSDL', { cause: parsed.error });
  return parsed.data;
}

/** Calls one operation of the WSDL and checks the answer against `schema`. */
export type SoapInvoke = <T>(operation: string, args: object, schema: z.ZodType<T>, signal: AbortSignal) => Promise<T>;

export function createSoapInvoker(options: { wsdlPath: string; endpoint: string; http: HttpClient; maxBytes: number }): SoapInvoke {
  assertSelfContainedWsdl(options.wsdlPath);
  let client: Promise<Client> | undefined;
  const open = () =>
    // soap is loaded on the first call, not at boot (~0.3 s of every start; BENCHMARKS.md). It is
    // CommonJS: Node and tsx give its exports as named ones, the bundle of `npm start` only as
    // `default` (esbuild gives a dynamically imported CommonJS chunk no named exports).
    (client ??= import('soap')
      .then((soap) =>
        ((soap as Partial<typeof soap>).createClientAsync ? soap : soap.default).createClientAsync(options.wsdlPath, {
          endpoint: options.endpoint,
          httpClient: soapHttp(options.http, options.maxBytes),
        }),
      )
      .catch((error: unknown) => {
        client = undefined;
        throw error;
      }));

  return async (operation, args, schema, signal) => {
    const trace: CallTrace = { signal, delivered: false };
    let result: unknown;
    try {
      const soapClient = await open();
      const method = soapClient[`${operation}Async`] as (a: object, o: CallTrace) => Promise<[unknown]>;
      [result] = await method.call(soapClient, args, trace);
    } catch (error) {
      throw soapFailure(error, trace);
    }
    return parseWire(schema, result);
  };
}

// zod helpers for what the soap client does to values: a repeated element may arrive as one
// object or as an array; an empty wrapper element may arrive as "" or be missing.

/** One or many or none → always an array. */
export const soapList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

/** An optional wrapper element: "" (empty element) reads as absent. */
export const soapOptional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
