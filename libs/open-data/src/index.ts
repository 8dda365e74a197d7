export * from './published-grant';
export * from './three-sixty-giving';
export * from './three-sixty-giving-file';
export * from './open-data.service';
export * from './open-data.module';
export * from './grants-list-query';
