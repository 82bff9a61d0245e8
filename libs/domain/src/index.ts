export * from './model.js';
export * from './text.js';
export * from './criteria.js';
export * from './scoring.js';
export * from './progress.js';
export * from './targets.js';
export * from './criteria-selection.js';
export * from './scope.js';
