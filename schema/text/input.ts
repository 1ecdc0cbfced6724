// Every string that enters the hub passes through here: NFC, control and invisible characters
// removed, odd spaces made ordinary, trimmed, length-checked. Errors are BAD_USER_INPUT with the field name and a reason code.
import { HubError } from '../errors.ts';
import { nfc } from './vietnamese.ts';

// C0/C1 controls and NUL; tab and newline survive in multi-line text.
/* eslint-disable no-control-regex -- matching control characters is the point */
const CONTROLS_SINGLE = /[\u0000-\u001f\u007f-\u009f]/gu;
const CONTROLS_MULTI = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu;

// Invisible and direction-changing characters (issue 7 finding 11, A37): zero-width spaces and
// joiners, bidi marks, embeddings, overrides and isolates (U+200B–U+200F, U+202A–U+202E,
// U+2066–U+2069), the BOM U+FEFF, soft hyphens, fillers, tag characters … — the Unicode property
// Default_Ignorable_Code_Point, which names exactly what renders as nothing. They let "Sở Tài
// chính" and "Sở Tài\u200Bchính" look alike, or turn "báo-cáo\u202Efdp.exe" into "báo-cáoexe.pdf"
// on screen. Vietnamese needs none of them: its letters are precomposed after NFC, and the
// combining marks it may keep are not default-ignorable. Removed, not refused: pasted text
// from word processors carries them innocently.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
// No-break, en/em/thin, narrow no-break, ideographic … spaces: one ordinary space each.
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;
// Unicode line and paragraph separators: a newline in multi-line text, else a space.
const LINE_SEPARATORS = /[\u2028\u2029]/gu;

export const TEXT_LIMITS = {
  short: 200,
  title: 500,
  summary: 2_000,
  body: 200_000,
  search: 200,
  identifier: 120,
} as const;

export interface CleanOptions {
  field: string;
  max: number;
  multiline?: boolean;
  /** Empty after cleaning is an error unless allowed. */
  allowEmpty?: boolean;
}

export function cleanText(value: string, opts: CleanOptions): string {
  const cleaned = nfc(value)
    .replace(/\r\n?/g, '\n')
    .replace(LINE_SEPARATORS, opts.multiline ? '\n' : ' ')
    .replace(opts.multiline ? CONTROLS_MULTI : CONTROLS_SINGLE, opts.multiline ? '' : ' ')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACES, ' ')
    .trim();
  if (!opts.allowEmpty && cleaned.length === 0) {
    throw new HubError('BAD_USER_INPUT', `${opts.field} must not be empty.`, { field: opts.field, reason: 'EMPTY' });
  }
  if ([...cleaned].length > opts.max) {
    throw new HubError('BAD_USER_INPUT', `${opts.field} is too long.`, { field: opts.field, reason: 'TOO_LONG' });
  }
  return cleaned;
}

export function cleanOptionalText(value: string | null | undefined, opts: CleanOptions): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = cleanText(value, { ...opts, allowEmpty: true });
  return cleaned.length ? cleaned : null;
}
