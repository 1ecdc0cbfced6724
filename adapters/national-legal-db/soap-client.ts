// The SOAP shape, built with the kit's SOAP invoker (adapters/kit/soap.ts) from the committed
// WSDL: the kit's HTTP client (deadline, byte cap, URL guard), XML screening, SOAP faults as
// UPSTREAM_FAULT, answers checked against the zod wire schemas.
import { fileURLToPath } from 'node:url';
import { assertSelfContainedWsdl, createSoapInvoker } from '../kit/soap.ts';
import type { HttpClient } from '../kit/http.ts';
import {
  soapGetDocumentResponse,
  soapHistoryResponse,
  soapRelationsResponse,
  soapSearchResponse,
  type SoapDetail,
  type SoapHistoryRow,
  type SoapRelation,
  type SoapSearchRequest,
  type SoapSearchResponse,
} from './wire-soap.ts';

export const WSDL_PATH = fileURLToPath(new URL('./legal-db.wsdl', import.meta.url));
export { assertSelfContainedWsdl };

export interface SoapLegalClient {
  search(request: SoapSearchRequest, signal: AbortSignal): Promise<SoapSearchResponse>;
  getDocument(id: string, signal: AbortSignal): Promise<SoapDetail | null>;
  getRelations(id: string, signal: AbortSignal): Promise<SoapRelation[]>;
  getValidityHistory(id: string, signal: AbortSignal): Promise<SoapHistoryRow[]>;
}

export function createSoapLegalClient(options: { endpoint: string; http: HttpClient; maxBytes: number; wsdlPath?: string }): SoapLegalClient {
  const invoke = createSoapInvoker({ wsdlPath: options.wsdlPath ?? WSDL_PATH, endpoint: options.endpoint, http: options.http, maxBytes: options.maxBytes });
  return {
    search: (request, signal) => invoke('SearchDocuments', request, soapSearchResponse, signal),
    getDocument: async (id, signal) => (await invoke('GetDocument', { Id: id }, soapGetDocumentResponse, signal)).VanBan ?? null,
    getRelations: async (id, signal) => (await invoke('GetRelations', { Id: id }, soapRelationsResponse, signal)).QuanHe,
    getValidityHistory: async (id, signal) => (await invoke('GetValidityHistory', { Id: id }, soapHistoryResponse, signal)).LichSu,
  };
}
