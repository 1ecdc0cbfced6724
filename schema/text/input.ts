// Every string that enters the hub passes through here: NFC, control characters removed,
// trimmed, length-checked. Errors are BAD_USER_INPUT with the field name and a reason code.
import { HubError } from '../errors.ts';
import { nfc } from './vietnamese.ts';

// C0/C1 controls and NUL; tab and newline survive in multi-line text.
/* eslint-disable no-control-regex -- matching control characters is the point */
const CONTROLS_SINGLE = /[\u0000-\u001f\u007f-\u009f]/gu;
const CONTROLS_MULTI = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/gu;

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
    .replace(opts.multiline ? CONTROLS_MULTI : CONTROLS_SINGLE, opts.multiline ? '' : ' ')
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
