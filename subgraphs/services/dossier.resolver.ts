// dossier(code, verification): where a dossier stands (R-4.17b), for its applicant.
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { ServicesContext } from './context.ts';
import { lookupDossier } from './dossiers/lookup-dossier.ts';
import { DossierLookup } from './types/dossier.types.ts';

@Resolver()
export class DossierResolver {
  @Query(() => DossierLookup, {
    nullable: true,
    description:
      'Where a dossier stands, live from the one-stop system (the last known state, flagged stale, when it is down). `verification` is the last 4 digits of the applicant’s phone or ID number; an unknown code and a wrong verification give the same answer (null). Limited per client.',
  })
  dossier(
    @Arg('code', () => String) code: string,
    @Arg('verification', () => String) verification: string,
    @Ctx() ctx: ServicesContext,
  ): Promise<DossierLookup | null> {
    return lookupDossier(ctx, code, verification);
  }
}
