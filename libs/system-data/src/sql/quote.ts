import { quoteIdent } from '@atrium/tenancy';

/** Quotes a field or table name. Callers pass only names taken from a collection definition. */
export const quote = quoteIdent;
