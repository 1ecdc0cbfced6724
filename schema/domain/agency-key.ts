// How an issuing agency named in a legal source is matched to the portal's Agency entity: by
// its QCVN 102 electronic identifier when the source gives one (an issuer written as a code),
// else by its folded name — the same folding the portal keeps in Agency.nameKey.
import { foldVietnamese, nfc } from '../text/vietnamese.ts';

/** QCVN 102:2016/BTTTT agency identifier, e.g. 000.00.00.H61. */
const QCVN_102 = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export type AgencyMatch = 'CODE' | 'NAME';

export interface AgencyKey {
  match: AgencyMatch;
  key: string;
}

export function agencyKeyOf(issuer: string): AgencyKey {
  const trimmed = nfc(issuer).trim();
  return QCVN_102.test(trimmed) ? { match: 'CODE', key: trimmed } : { match: 'NAME', key: foldVietnamese(trimmed) };
}
