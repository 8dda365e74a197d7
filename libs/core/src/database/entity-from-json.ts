import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** A table's row as `to_jsonb` writes it. */
export type JsonRow = Record<string, unknown>;

/**
 * Column types node-postgres hands over as exact text, which `to_jsonb` writes as JSON numbers
 * and JSON.parse reads as doubles: a bigint is exact only up to 2^53, and a numeric loses its
 * scale ('23.40' reads as 23.4) and its digits past about fifteen.
 */
const BIG_INTEGERS = new Set<unknown>(['bigint', 'int8']);
const DECIMALS = new Set<unknown>(['numeric', 'decimal']);

/**
 * An entity from a row PostgreSQL wrote as JSON (`to_jsonb(table_alias)`: keys are the column
 * names), with the values TypeORM's own find would give: the driver's conversions (timestamps to
 * Date, dates as YYYY-MM-DD) and the column's transformer (pence). Relations are the caller's.
 *
 * Why: the hottest applicant reads (the application with its round, fund, areas, organisation and
 * budget lines; the session with its applicant) joined as TypeORM builds them cost the server more
 * in building the SQL, reading a hundred and fifty columns per row and hydrating than everything
 * else a submission does. One JSON value per table is parsed natively and mapped here by the
 * entity's metadata, so a column added to an entity is read without touching the query. Not for
 * an entity with a numeric column (refused, see below).
 */
export function entityFromJson<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  json: JsonRow,
): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
  for (const column of metadata.columns) {
    if (column.isVirtual || !column.isSelect) continue;
    let value = json[column.databaseName];
    if (value === undefined) continue;
    if (typeof value === 'number')
      value = exactText(metadata.name, column.propertyName, column.type, value);
    column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(value, column));
  }
  return entity;
}

/** `entityFromJson` for each element of a JSON array (a `jsonb_agg`), in its order. */
export function entitiesFromJson<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  json: JsonRow[] | null,
): T[] {
  return (json ?? []).map((row) => entityFromJson(dataSource, target, row));
}

/**
 * A bigint or numeric as node-postgres would have given it, or an error where JSON lost what
 * the column held: a wrong amount must not be read as a right one.
 */
function exactText(entity: string, property: string, type: unknown, value: number): unknown {
  if (DECIMALS.has(type))
    throw new Error(`${entity}.${property} is ${String(type)}: read it as text, not through JSON`);
  if (!BIG_INTEGERS.has(type)) return value;
  if (!Number.isSafeInteger(value))
    throw new Error(`${entity}.${property} holds ${value}, past what JSON reads exactly`);
  return String(value);
}
