// Online public services and the catalogue's sectors and fields.
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../kit/scalars.ts';
import { OnlineServiceScope } from './enums.ts';
import { ProcedureField } from './procedure.types.ts';

@Directive('@key(fields: "code")')
@ObjectType({ description: 'Dịch vụ công trực tuyến: the online form of a procedure, with its level in both vocabularies (R-4.9).' })
export class OnlineService {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'Ngành.' }) sector!: string | null;
  @Field(() => ProcedureField, { nullable: true }) field!: ProcedureField | null;
  @Field(() => Int, { nullable: true, description: 'Mức độ 1–4, the 2017 regulation’s vocabulary (R-9 applies from level 3).' }) level!: number | null;
  @Field(() => LocalDateScalar, { nullable: true }) levelSince!: string | null;
  @Field(() => OnlineServiceScope, { nullable: true, description: 'Toàn trình / một phần, the vocabulary since 2022.' }) scope!: OnlineServiceScope | null;
  @Field(() => LocalDateScalar, { nullable: true }) scopeSince!: string | null;
  @Field(() => String, { nullable: true, description: 'The service’s page on the national public-service portal.' }) portalUrl!: string | null;
  @Field(() => String, { nullable: true, description: 'Usage guidance (R-9, level 3 and above).' }) guidance!: string | null;

  procedureCode!: string;
}

@ObjectType({ description: 'A sector (ngành) and its fields, to browse services as R-4.9 organises them.' })
export class ServiceSector {
  @Field(() => String, { nullable: true }) code!: string | null;
  @Field(() => String) name!: string;
  @Field(() => [ProcedureField]) fields!: ProcedureField[];
}
