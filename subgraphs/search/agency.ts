// The portal's Agency as this subgraph sees it: hits and facets name agencies, and this
// subgraph adds the agency's web portals (Agency.webPortals); the portal resolves the rest.
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType('Agency')
export class AgencyRef {
  @Field(() => ID) id!: string;
}
