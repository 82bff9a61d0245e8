import type { TraineeRole } from '@app/domain';

/** An area as the training rows carry it. */
export interface AreaBriefRow {
  code: string;
  name: string;
  level: string;
  typeLabel: string;
  difficult: boolean;
}

/** Where and as what a person serves, from a day until a day (null: still). */
export interface PostingRow {
  area: AreaBriefRow;
  role: TraineeRole;
  validFrom: string;
  validTo: string | null;
}

/** An area of a training row, built in SQL. */
export const AREA_BRIEF = (alias: string) =>
  `json_build_object('code', ${alias}.code, 'name', ${alias}.name, 'level', ${alias}.level,
     'typeLabel', ${alias}.type_label, 'difficult', ${alias}.difficult)`;
