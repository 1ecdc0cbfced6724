// Checks of query arguments shared by the legal subgraph's queries.
import { HubError } from '../../schema/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else names nothing (and never reaches the database as a cast error). */
export const isUuid = (id: string): boolean => UUID.test(id);

/** A year of issue or publication: from 1945 (the Democratic Republic) to 2200. */
export function checkYear(year: number | null | undefined): void {
  if (year !== null && year !== undefined && (!Number.isInteger(year) || year < 1945 || year > 2200)) {
    throw new HubError('BAD_USER_INPUT', 'year is out of range.', { field: 'year', reason: 'RANGE' });
  }
}
