/** The reports feature still injects training progress by the name it had before the split. */
export { TrainingProgressService as TrainingService } from './progress/training-progress.service.js';
