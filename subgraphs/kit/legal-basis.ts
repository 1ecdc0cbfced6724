// LegalBasis: how any subgraph cites a legal document (căn cứ pháp lý). The text is kept as
// the editor typed it; `document` is a reference the legal subgraph resolves by the number's
// search key (QĐ = QD, dash variants, spaces), null when the hub has no such document. The type
// is @shareable, so every subgraph that cites documents declares the identical type from here.
import { Directive, Field, ObjectType } from 'type-graphql';
import { documentNumberKey, normaliseDocumentNumber } from '../../schema/text/vietnamese.ts';

/** The legal subgraph's LegalDocument as other subgraphs see it: a key, resolved by `legal`. */
@Directive('@key(fields: "numberKey", resolvable: false)')
@ObjectType('LegalDocument', { description: 'A legal document, resolved by the legal subgraph.' })
export class LegalDocumentCitation {
  @Field(() => String) numberKey!: string;
}

@Directive('@shareable')
@ObjectType({ description: 'A legal basis as cited: the text as written, and the document it names when the hub has it.' })
export class LegalBasis {
  @Field(() => String, { description: 'The citation as written ("Quyết định 26/2017/QĐ-UBND").' }) text!: string;
  @Field(() => LegalDocumentCitation, { nullable: true, description: 'The cited document, matched by its number/symbol; null when the hub has none.' })
  document!: LegalDocumentCitation | null;
}

const TRAILING = /[.,;:)\]]+$/u;
const looksLikeNumber = (token: string) => /\d/u.test(token) && token.includes('/');

/** The number/symbol a citation names ("Quyết định số 26/2017/QĐ-UBND ngày …" → its key), if any. */
export function citedNumberKey(text: string): string | null {
  const token = normaliseDocumentNumber(text)
    .split(' ')
    .map((t) => t.replace(/^[([]+/u, '').replace(TRAILING, ''))
    .find(looksLikeNumber);
  return token ? documentNumberKey(token) : null;
}

export function toLegalBasis(text: string): LegalBasis {
  const numberKey = citedNumberKey(text);
  return { text, document: numberKey ? { numberKey } : null };
}
