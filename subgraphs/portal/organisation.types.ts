// the administrative organisation — units down to communes (temporal), agencies with
// their electronic identifiers, and the officials citizens may contact.
import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar, LocalizedText } from '../kit/scalars.ts';
import { PageOf } from '../kit/pagination.ts';
import { AgencyIssuerKey } from '../kit/agency-issuer-key.ts';

export enum UnitTier {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}
registerEnumType(UnitTier, { name: 'UnitTier', description: 'Tier of an administrative unit; the district tier ended on 2025-06-30.' });

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An administrative unit from the national list, valid for a period (the 2025 merger ended some and started others).' })
export class AdministrativeUnit {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Code in the national list of administrative units (e.g. 26, 243, 08707).' }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Tỉnh, Thành phố, Huyện, Phường, Xã, Thị trấn …' }) kind!: string;
  @Field(() => UnitTier) tier!: UnitTier;
  @Field(() => String, { nullable: true }) parentCode!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) validFrom!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) validTo!: string | null;
  @Field(() => String, { nullable: true, description: 'Code of the unit that took over on valid-to + 1 day.' }) successorCode!: string | null;
}

@Directive('@key(fields: "id")')
@Directive('@key(fields: "code")')
@Directive('@key(fields: "nameKey")')
@Directive('@key(fields: "issuerKey { code nameKey }")')
@ObjectType({ description: 'A state agency or one of its units (R-4.1).' })
export class Agency {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Electronic identifier (QCVN 102, e.g. 000.00.00.H30).' }) code!: string;
  @Field(() => String) slug!: string;
  @Field(() => LocalizedText) name!: LocalizedText;
  @Field(() => String, { description: 'The Vietnamese name folded (no diacritics, đ→d, lower case): how sources that name the agency are matched to it.' })
  nameKey!: string;
  @Directive('@inaccessible')
  @Field(() => AgencyIssuerKey, { description: 'Code and folded name together: the key the legal subgraph joins issuers by (kit/agency-issuer-key.ts).' })
  issuerKey!: AgencyIssuerKey;
  @Field(() => String, { nullable: true }) shortName!: string | null;
  @Field(() => String) kind!: string;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) fax!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field(() => LocalizedText, { nullable: true, description: 'Functions and duties.' }) functions!: LocalizedText | null;
  @Field(() => LocalDateScalar, { nullable: true }) validFrom!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) validTo!: string | null;
  parentId!: string | null;
  unitCode!: string | null;
}

@ObjectType({ description: 'A competent official: name, position, unit, phone/fax, official e-mail (R-4.1).' })
export class Official {
  @Field(() => ID) id!: string;
  @Field(() => String) fullName!: string;
  @Field(() => LocalizedText) position!: LocalizedText;
  @Field(() => String, { nullable: true }) unitName!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) fax!: string | null;
  @Field(() => String, { nullable: true, description: 'Official (công vụ) e-mail.' }) email!: string | null;
  @Field(() => Boolean) isLeader!: boolean;
  @Field(() => LocalizedText, { nullable: true, description: 'Short biography (leaders).' }) biography!: LocalizedText | null;
  @Field(() => LocalizedText, { nullable: true, description: 'Assigned duties (leaders).' }) duties!: LocalizedText | null;
  agencyId!: string;
}

export const AgencyPage = PageOf(Agency, 'AgencyPage');
export const OfficialPage = PageOf(Official, 'OfficialPage');
export const AdministrativeUnitPage = PageOf(AdministrativeUnit, 'AdministrativeUnitPage');

@InputType()
export class AgencyFilter {
  @Field(() => String, { nullable: true, description: 'Words of the name, with or without diacritics.' }) search?: string | null;
  @Field(() => String, { nullable: true }) kind?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only direct children of this agency.' }) parentId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only top-level agencies.' }) rootsOnly?: boolean | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Only agencies in existence on this date (default: today).' }) asOf?: string | null;
  @Field(() => Date, { nullable: true, description: 'Only agencies changed at or after this instant (incremental harvesting).' }) changedSince?: Date | null;
}

@InputType()
export class UnitFilter {
  @Field(() => UnitTier, { nullable: true }) tier?: UnitTier | null;
  @Field(() => String, { nullable: true }) parentCode?: string | null;
  @Field(() => String, { nullable: true }) search?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Units valid on this date (default: today).' }) asOf?: string | null;
  @Field(() => Date, { nullable: true, description: 'Only units changed at or after this instant (incremental harvesting).' }) changedSince?: Date | null;
}

@InputType()
export class OfficialFilter {
  @Field(() => ID, { nullable: true }) agencyId?: string | null;
  @Field(() => Boolean, { nullable: true }) leadersOnly?: boolean | null;
  @Field(() => String, { nullable: true }) search?: string | null;
  @Field(() => Date, { nullable: true, description: 'Only officials changed at or after this instant (incremental harvesting).' }) changedSince?: Date | null;
}
