// LegalBasis: how any subgraph cites a legal document (căn cứ pháp lý). The text is kept as
// the editor typed it; `document` is a reference the legal subgraph resolves by the number's
// search key (QĐ = QD, dash variants, spaces), null when the hub has no such document. The type
// is @shareable, so every subgraph that cites documents declares the identical type from here.
// The key is resolvable: a citing subgraph may contribute fields to LegalDocument (the portal's
// relatedContent); without a `__resolveReference` of its own, the representation is the object.
import { Directive, Field, ObjectType } from 'type-graphql';
import { citedNumberKey } from '../../schema/domain/legal-citation.ts';

/** The legal subgraph's LegalDocument as other subgraphs see it: a key, resolved by `legal`. */
@Directive('@key(fields: "numberKey")')
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

export { citedNumberKey };

export function toLegalBasis(text: string): LegalBasis {
  const numberKey = citedNumberKey(text);
  return { text, document: numberKey ? { numberKey } : null };
}
