import { buildDataSourceOptions, loadConfig } from '@grants/core';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { loadMigrations } from './migrations';

/** For the TypeORM CLI (migration:generate / migration:run): reads DATABASE_URL. */
const config = loadConfig();
if (!config.DATABASE_URL)
  throw new Error('Set DATABASE_URL to run migrations from the command line');
export default new DataSource(
  buildDataSourceOptions(config.DATABASE_URL, ALL_ENTITIES, loadMigrations()),
);
