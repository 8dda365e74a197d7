import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** A table's row as `to_jsonb` writes it. */
export type JsonRow = Record<string, unknown>;

/** Column types node-postgres hands over as text (exact); `to_jsonb` writes them as numbers. */
const TEXT_NUMBERS = new Set<unknown>(['bigint', 'int8', 'numeric', 'decimal']);

/**
 * An entity from a row PostgreSQL wrote as JSON (`to_jsonb(table_alias)`: keys are the column
 * names), with the values TypeORM's own find would give: the driver's conversions (timestamps to
 * Date, dates as YYYY-MM-DD) and the column's transformer (pence). Relations are the caller's.
 *
 * Why: the hottest applicant reads (the application with its round, fund, areas, organisation and
 * budget lines; the session with its applicant) joined as TypeORM builds them cost the server more
 * in building the SQL, reading a hundred and fifty columns per row and hydrating than everything
 * else a submission does. One JSON value per table is parsed natively and mapped here by the
 * entity's metadata, so a column added to an entity is read without touching the query.
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
    if (typeof value === 'number' && TEXT_NUMBERS.has(column.type)) value = String(value);
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
