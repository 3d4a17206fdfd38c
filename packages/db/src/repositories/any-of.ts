import { sql, type RawBuilder } from 'kysely';

/**
 * `column = any($1)`: a list of any length as ONE bind parameter (a PostgreSQL array), where
 * `in ($1, $2, …)` binds one parameter per value and fails past 65,535 (node-pg wraps the count at
 * 65,536: "bind message has N parameter formats but 0 parameters"). Use it wherever the list grows
 * with the data (a draw's population, a period's entities); `.where(col, '=', anyOf(values, 'text'))`.
 */
export function anyOf<T extends string | number>(values: readonly T[], type: 'text' | 'bigint'): RawBuilder<T> {
  return type === 'text' ? sql<T>`any(${[...values]}::text[])` : sql<T>`any(${values.map(String)}::bigint[])`;
}
