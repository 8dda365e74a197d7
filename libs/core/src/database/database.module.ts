import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(
    entities: NonNullable<DataSourceOptions['entities']>,
    migrations: NonNullable<DataSourceOptions['migrations']>,
  ): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set');
            return buildDataSourceOptions(
              config.DATABASE_URL,
              entities,
              migrations,
              config.DATABASE_POOL_SIZE,
            );
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
