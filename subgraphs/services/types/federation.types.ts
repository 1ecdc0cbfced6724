// Entities other subgraphs own, as this subgraph knows them: by key, plus the fields it
// contributes (Agency.procedures, LegalDocument.procedures). The portal resolves Agency by its
// QCVN 102 code; the legal subgraph resolves LegalDocument by its number key. The keys are
// resolvable here so that the gateway can enter this subgraph from either owner.
// LegalBasis is the shared value type every subgraph that cites documents declares identically.
import { Directive, Field, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../kit/scalars.ts';

@Directive('@key(fields: "code")')
@ObjectType({ description: 'A state agency (owned by the portal subgraph).' })
export class Agency {
  @Field(() => String) code!: string;
}

@Directive('@key(fields: "numberKey")')
@ObjectType('LegalDocument', { description: 'A legal document (owned by the legal subgraph).' })
export class LegalDocumentRef {
  @Field(() => String) numberKey!: string;
}

@Directive('@key(fields: "agencyCode from to")')
@ObjectType('AgencyProvision', { description: 'One agency’s R-17 report for a period (owned by the portal subgraph: provisionReport.agencies).' })
export class AgencyProvisionRef {
  @Field(() => String) agencyCode!: string;
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
}

@Directive('@shareable')
@ObjectType({ description: 'A legal basis as cited: the text as written, and the document it names when the hub has it.' })
export class LegalBasis {
  @Field(() => String, { description: 'The citation as written ("Quyết định 26/2017/QĐ-UBND").' }) text!: string;
  @Field(() => LegalDocumentRef, { nullable: true, description: 'The cited document, matched by its number/symbol; null when the hub has none.' })
  document!: LegalDocumentRef | null;
}
