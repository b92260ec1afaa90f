/** Column types shared by the row types: timestamps, dates (as ISO strings) and JSON. */
import type { ColumnType, JSONColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type DateOnly = ColumnType<string, string, string>;
export type Json<T extends object | null> = JSONColumnType<T, string, string>;
