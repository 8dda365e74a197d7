import { DataSourceOptions } from 'typeorm';
import { PreparingClient } from './prepared-queries';
import { SnakeNamingStrategy } from './snake-naming.strategy';

type EntityList = NonNullable<DataSourceOptions['entities']>;
type MigrationList = NonNullable<DataSourceOptions['migrations']>;

export function buildDataSourceOptions(
  url: string,
  entities: EntityList,
  migrations: MigrationList,
  poolSize = 10,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    // The pool's connections prepare the queries marked PREPARED (see prepared-queries).
    extra: { max: poolSize, application_name: 'opcc-grants', Client: PreparingClient },
  };
}
