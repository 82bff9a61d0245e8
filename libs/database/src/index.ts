export * from './backup.js';
export * from './backup-format.js';
export * from './data-source.js';
export * from './embedded-postgres.js';
export * from './entities/index.js';
export * from './repositories/index.js';
export * from './roles.js';
