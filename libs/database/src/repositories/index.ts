export * from './areas.repository.js';
export * from './criteria-sets.repository.js';
export * from './dates.js';
export * from './evaluations.repository.js';
export * from './progress.repository.js';
export * from './registry.repository.js';
export * from './reports.repository.js';
export * from './targets.repository.js';
