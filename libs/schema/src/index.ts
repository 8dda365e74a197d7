export * from './entities';
export * from './migrations';
export * from './platform-modules';
