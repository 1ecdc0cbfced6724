// Contact data of askers and commenters: cleaned and checked here, stored only in citizens_
// tables, never returned to the public, never put in an error message or a log line. Limits
// per contact count a keyed hash of the normalised e-mail/phone, so the check never needs to
// search (or log) the contact itself.
import { createHmac } from 'node:crypto';
import { HubError } from '../../schema/errors.ts';
import { cleanOptionalText, cleanText } from '../../schema/text/input.ts';

export interface ContactInput {
  name: string;
  email?: string | null;
  phone?: string | null;
}

export interface Contact {
  name: string;
  email: string | null;
  phone: string | null;
  /** HMAC of the normalised e-mail, else phone: the per-contact limit key. */
  key: string;
}

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the SMTP
// server's business; this only refuses what is clearly not an address.
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,185}\.[^\s@.]{2,63}$/u;
export const isEmail = (s: string): boolean => s.length <= 254 && EMAIL.test(s);
// Vietnamese numbers: 0 + 9–10 digits, or +84 + 9–10 digits; spaces, dots and dashes ignored.
const PHONE = /^(?:\+84|0)\d{9,10}$/;

const bad = (field: string, reason: string, message: string) => new HubError('BAD_USER_INPUT', message, { field, reason });

export function cleanContact(input: ContactInput, secret: string, field = 'contact'): Contact {
  const name = cleanText(input.name, { field: `${field}.name`, max: 200 });
  const email = cleanOptionalText(input.email, { field: `${field}.email`, max: 254 })?.toLowerCase() ?? null;
  const rawPhone = cleanOptionalText(input.phone, { field: `${field}.phone`, max: 30 });
  const phone = rawPhone ? rawPhone.replace(/[\s.()-]/g, '') : null;
  // The messages never echo the value: it is contact data.
  if (email && !EMAIL.test(email)) throw bad(`${field}.email`, 'EMAIL_FORMAT', 'The e-mail address is not valid.');
  if (phone && !PHONE.test(phone)) throw bad(`${field}.phone`, 'PHONE_FORMAT', 'The phone number is not valid.');
  if (!email && !phone) throw bad(field, 'CONTACT_REQUIRED', 'Give an e-mail address or a phone number.');
  const normalisedPhone = phone?.replace(/^\+84/, '0');
  const key = createHmac('sha256', secret)
    .update(`contact.${email ?? `tel:${normalisedPhone}`}`)
    .digest('base64url');
  return { name, email, phone, key };
}
