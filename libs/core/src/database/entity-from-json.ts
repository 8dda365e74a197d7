import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** A table's row as `to_jsonb` writes it. */
export type JsonRow = Record<string, unknown>;

/**
 * The column types read here exactly as TypeORM's find reads them. Others are refused when an
 * entity is first mapped, whatever its rows hold: a numeric, which `to_jsonb` writes as a JSON
 * number and JSON.parse reads as a double ('23.40' would read as 23.4), arrays of anything but
 * text (a timestamptz[] would stay strings), bytea, enums.
 */
const SCALAR_TYPES = new Set<unknown>([
  'uuid',
  'text',
  'varchar',
  'character varying',
  'int',
  'integer',
  'int4',
  'smallint',
  'int2',
  'boolean',
  'bool',
  'timestamptz',
  'timestamp with time zone',
  'date',
  'json',
  'jsonb',
  'bigint',
  'int8',
]);
const ARRAY_TYPES = new Set<unknown>(['uuid', 'text', 'varchar', 'character varying']);
/** node-postgres hands these over as exact text; as JSON numbers they are exact up to 2^53. */
const BIG_INTEGERS = new Set<unknown>(['bigint', 'int8']);

const readableColumns = new WeakMap<EntityMetadata, ColumnMetadata[]>();

/** The entity's selected columns, each checked once to be of a type read exactly. */
function columnsOf(metadata: EntityMetadata): ColumnMetadata[] {
  let columns = readableColumns.get(metadata);
  if (!columns) {
    columns = metadata.columns.filter((column) => !column.isVirtual && column.isSelect);
    for (const column of columns)
      if (!(column.isArray ? ARRAY_TYPES : SCALAR_TYPES).has(column.type))
        throw new Error(
          `${metadata.name}.${column.propertyName} is ${String(column.type)}${column.isArray ? '[]' : ''}: JSON would not read it exactly (read it as text)`,
        );
    readableColumns.set(metadata, columns);
  }
  return columns;
}

/**
 * An entity from a row PostgreSQL wrote as JSON (`to_jsonb(table_alias)`: keys are the column
 * names), with the values TypeORM's own find would give: the driver's conversions (timestamps to
 * Date, dates as YYYY-MM-DD) and the column's transformer (pence). Relations are the caller's.
 *
 * Why: the hottest applicant reads (the application with its round, fund, areas, organisation and
 * budget lines; the session with its applicant) joined as TypeORM builds them cost the server more
 * in building the SQL, reading a hundred and fifty columns per row and hydrating than everything
 * else a submission does. One JSON value per table is parsed natively and mapped here by the
 * entity's metadata, so a column added to an entity is read without touching the query (or
 * refused at once, if its type is not one read exactly: see above).
 */
export function entityFromJson<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  json: JsonRow,
): T {
  const metadata = dataSource.getMetadata(target);
  const columns = columnsOf(metadata);
  const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
  for (const column of columns) {
    let value = json[column.databaseName];
    if (value === undefined) continue;
    if (typeof value === 'number' && BIG_INTEGERS.has(column.type)) {
      if (!Number.isSafeInteger(value))
        throw new Error(
          `${metadata.name}.${column.propertyName} holds ${value}, past what JSON reads exactly`,
        );
      value = String(value);
    }
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
