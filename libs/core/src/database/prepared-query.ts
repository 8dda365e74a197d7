import { DataSource } from 'typeorm';

/** The part of node-postgres' pool TypeORM keeps as `driver.master`. */
interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs `text` as a named prepared statement: each pooled connection parses and plans it once and
 * then only binds and executes it. For the hottest statement (a vote) the parse and plan of a
 * several-CTE statement cost PostgreSQL more than the writes; TypeORM's `query` cannot name a
 * statement, so this goes to the pool TypeORM already holds (same connections, same limits).
 * `name` must always come with the same `text`.
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  const { rows } = await pool.query({ name, text, values });
  return rows as T[];
}
