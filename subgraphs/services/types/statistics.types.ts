// usage statistics of online services, and the provision of procedures per agency
// (the procedures' part of the R-17 report).
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../kit/scalars.ts';
import { Agency } from './federation.types.ts';

@ObjectType({ description: 'Dossiers counted over a period (R-9.1).' })
export class DossierCounts {
  @Field(() => Int) received!: number;
  @Field(() => Int) receivedOnline!: number;
  @Field(() => Int) processed!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
  @Field(() => Float, { nullable: true, description: 'onTime / processed; null when nothing was processed.' }) onTimeRate!: number | null;
  @Field(() => Float, { description: 'Usage frequency: dossiers received per month over the period.' }) monthlyAverage!: number;
}

@ObjectType({ description: 'One month of one service at one agency.' })
export class ServiceUsageMonth {
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => Int) received!: number;
  @Field(() => Int, { description: 'Of those received, received online.' }) receivedOnline!: number;
  @Field(() => Int) processed!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
}

@ObjectType({ description: 'R-9.1: how much one online service was used over a period, all its agencies together.' })
export class OnlineServiceUsage {
  @Field(() => String, { description: 'YYYY-MM' }) from!: string;
  @Field(() => String, { description: 'YYYY-MM' }) to!: string;
  @Field(() => DossierCounts) counts!: DossierCounts;
  @Field(() => [ServiceUsageMonth], { description: 'The months the one-stop system reported, oldest first.' }) months!: ServiceUsageMonth[];
}

@ObjectType({ description: 'Usage of one service at one agency over the period.' })
export class ServiceUsageRow {
  @Field(() => String, { description: 'The procedure code the one-stop system counts under.' }) serviceCode!: string;
  @Field(() => String, { nullable: true }) serviceName!: string | null;
  @Field(() => Agency) agency!: Agency;
  @Field(() => DossierCounts) counts!: DossierCounts;
  @Field(() => [ServiceUsageMonth]) months!: ServiceUsageMonth[];
}

@ObjectType({ description: 'R-9.1: dossiers received, processed, on time and late, per service and agency, in the graph and as CSV.' })
export class ServiceUsageReport {
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => [ServiceUsageRow]) rows!: ServiceUsageRow[];
  @Field(() => DossierCounts) totals!: DossierCounts;
  @Field(() => String, { description: 'The same rows as CSV (UTF-8).' }) csv!: string;
  @Field(() => String, {
    description: 'The same report as a CSV download (UTF-8 with BOM, for spreadsheets) at the hub’s public address (a path when called without the gateway).',
  })
  csvUrl!: string;
}

@ObjectType({ description: 'R-7.5 within R-17: procedures an agency had to publish 10 working days before their rule took effect.' })
export class ProcedureProvision {
  @Field(() => Agency) agency!: Agency;
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
  @Field(() => Int, {
    description: 'Procedures of the agency whose rule takes effect in the period (a procedure is known once published, so each is on time or late).',
  })
  due!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
  @Field(() => Float, { nullable: true }) onTimeRate!: number | null;
  @Field(() => [String], { description: 'Codes of the procedures published late.' }) lateCodes!: string[];
  @Field(() => Int, { description: 'Procedures of the agency the portal first published in the period (whatever their rule’s date).' }) published!: number;
}

@ObjectType({ description: 'How many online services were at one level (mức độ) at the end of a period.' })
export class OnlineServiceLevelCount {
  @Field(() => Int, {
    nullable: true,
    description: 'Mức độ 1–4; null when the service reached its current level after the period (its level then is not known).',
  })
  level!: number | null;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'R-4.9/R-9 within R-17: an agency’s online services and the dossiers they handled in a period.' })
export class OnlineServiceProvision {
  @Field(() => Agency) agency!: Agency;
  @Field(() => LocalDateScalar) from!: string;
  @Field(() => LocalDateScalar) to!: string;
  @Field(() => Int, { description: 'Online services the agency offers (withdrawn ones excluded).' }) total!: number;
  @Field(() => [OnlineServiceLevelCount], { description: 'By level at the end of the period, lowest first.' }) byLevel!: OnlineServiceLevelCount[];
  @Field(() => Int, { description: 'End-to-end (toàn trình) at the end of the period.' }) endToEnd!: number;
  @Field(() => Int, { description: 'Partial (một phần) at the end of the period.' }) partial!: number;
  @Field(() => DossierCounts, { description: 'Dossiers of all its services over the whole months the period touches (from the one-stop system).' })
  dossiers!: DossierCounts;
}
