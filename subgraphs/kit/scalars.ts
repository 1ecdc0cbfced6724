// Shared GraphQL scalars and small value types.
import { GraphQLScalarType, Kind } from 'graphql';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { HubError } from '../../schema/errors.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDate(value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new HubError('BAD_USER_INPUT', 'A date must be written YYYY-MM-DD.', { reason: 'DATE_FORMAT' });
  }
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new HubError('BAD_USER_INPUT', 'This date does not exist.', { reason: 'DATE_INVALID' });
  }
  return value;
}

/** A calendar date without time or zone (YYYY-MM-DD): issue dates, valid-from/to. */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDate',
  description: 'A calendar date, YYYY-MM-DD, no time zone.',
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : parseIsoDate(v)),
  parseValue: parseIsoDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new HubError('BAD_USER_INPUT', 'A date must be a string YYYY-MM-DD.', { reason: 'DATE_FORMAT' });
    return parseIsoDate(ast.value);
  },
});

const DECIMAL = /^-?\d{1,18}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new HubError('BAD_USER_INPUT', 'A decimal must be a string of digits with at most 6 decimals, e.g. "1234567890123.45".', {
      reason: 'DECIMAL_FORMAT',
    });
  }
  return text.replace(/^(-?)0+(?=\d)/, '$1');
}

/**
 * An exact decimal (money in VND, hectares, statistics), carried as a string so that no
 * binary float ever touches it: "1234567890123.45" round-trips digit for digit.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number written as a string, e.g. "1234567890123.45" (never a binary float).',
  serialize: (v) => (typeof v === 'object' && v !== null && 'toFixed' in v ? (v as { toFixed(): string }).toFixed() : parseDecimal(v)),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT) {
      throw new HubError('BAD_USER_INPUT', 'A decimal must be written as a string.', { reason: 'DECIMAL_FORMAT' });
    }
    return parseDecimal(ast.value);
  },
});

export const toLocalDate = (d: Date | null | undefined): string | null => (d ? d.toISOString().slice(0, 10) : null);
export const fromLocalDate = (s: string): Date => new Date(`${s}T00:00:00Z`);

export enum Locale {
  VI = 'vi',
  EN = 'en',
}
registerEnumType(Locale, { name: 'Locale', description: 'Channel language (R-2.3): Vietnamese is required, English optional.' });

// A value type several subgraphs resolve (portal, services…): @shareable, like PageInfo.
@Directive('@shareable')
@ObjectType({ description: 'Text in the Vietnamese channel and, when translated, the English channel (R-4.15).' })
export class LocalizedText {
  @Field(() => String)
  vi!: string;

  @Field(() => String, { nullable: true })
  en!: string | null;
}

export const localized = (vi: string, en: string | null | undefined): LocalizedText => ({ vi, en: en ?? null });
export const localizedOrNull = (vi: string | null | undefined, en: string | null | undefined): LocalizedText | null => (vi ? { vi, en: en ?? null } : null);
