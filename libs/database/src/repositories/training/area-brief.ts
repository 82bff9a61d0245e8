/** An area as the training screens show it (the `AreaBrief` contract), built in SQL. */
export const AREA_BRIEF = (alias: string) =>
  `json_build_object('code', ${alias}.code, 'name', ${alias}.name, 'level', ${alias}.level,
     'typeLabel', ${alias}.type_label, 'difficult', ${alias}.difficult)`;
