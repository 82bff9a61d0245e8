import { AreaYearQuery } from '../../common/year.js';

export type {
  AreaBrief,
  ProgressByKind,
  ProgressRow,
  ProgressView,
  TrendView,
} from '@app/contracts';

export class ProgressQuery extends AreaYearQuery {}
