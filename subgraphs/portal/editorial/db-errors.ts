import { HubError } from '../../../schema/errors.ts';

export const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';

/** A unique-constraint violation (Prisma P2002) is a CONFLICT the client can act on. */
export function mapUniqueViolation(err: unknown, message: string): never {
  if (isUniqueViolation(err)) throw new HubError('CONFLICT', message);
  throw err;
}
