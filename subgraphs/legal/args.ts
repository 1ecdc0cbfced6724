// Checks of query arguments shared by the legal subgraph's queries.
import { HubError } from '../../schema/errors.ts';

/** A year of issue or publication: from 1945 (the Democratic Republic) to 2200. */
export function checkYear(year: number | null | undefined): void {
  if (year !== null && year !== undefined && (!Number.isInteger(year) || year < 1945 || year > 2200)) {
    throw new HubError('BAD_USER_INPUT', 'year is out of range.', { field: 'year', reason: 'RANGE' });
  }
}
