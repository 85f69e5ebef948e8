import { type SqlBool, sql } from 'kysely';

/** A condition no row satisfies: what a filter with an empty list of accepted values means. */
export const NOTHING = sql<SqlBool>`1 = 0`;
