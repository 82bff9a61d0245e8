export * from './area-workbook.js';
export * from './charts.js';
export * from './commune-workbook.js';
export * from './import-files.js';
export * from './model.js';
export * from './provenance.js';
export { kindColumn, SUB_HEADERS } from './summary-sheet.js';
export { trainingColumn, type TrainingSheetData } from './training-sheet.js';
export type { FocusBlock, FocusSheetData, NearMissSheetData } from './focus-sheet.js';
