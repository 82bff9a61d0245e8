import { Injectable } from '@nestjs/common';
import {
  foldForSearch,
  REGISTRY_MODEL_KIND,
  type EvaluationCreate,
  type EvaluationFields,
  type EvaluationSubject,
  type EvaluationUpdate,
  type ExistingEvaluation,
  type ExistingSubject,
  type ImportAudit,
  type ImportPlace,
  type ModelKind,
  type RegistryFields,
  type RegistryKind,
  type SubjectCreate,
  type SubjectUpdate,
} from '@app/domain';
import { Db } from '../db.js';
import { SUBJECT_SOURCES } from '../kinds.js';
import { inForceOn } from '../sql.js';
import { insertMany, updateMany, type BulkColumn } from './bulk.js';
import { yearEnd, yearStart } from './dates.js';

/** A registry column an import writes: a field of the row, or the folded form of one for search. */
type RegistryColumn<Fields> = BulkColumn &
  ({ field: keyof Fields & string } | { folds: keyof Fields & string });

const CODE_AND_START: BulkColumn[] = [
  { name: 'code', type: 'text' },
  { name: 'active_from', type: 'date' },
];

const COMMUNE: BulkColumn = { name: 'commune_id', type: 'integer' };

const NAME_COLUMNS: RegistryColumn<RegistryFields['clans']>[] = [
  { name: 'name', type: 'text', field: 'name' },
  { name: 'name_folded', type: 'text', folds: 'name' },
  { name: 'head_name', type: 'text', field: 'headName' },
];

/**
 * What an import writes to each registry: the columns set when a subject is created only (besides
 * its code and start), and those of the row's fields, compared and updated when it exists.
 */
const REGISTRY_WRITES: {
  [K in RegistryKind]: { created: BulkColumn[]; fields: RegistryColumn<RegistryFields[K]>[] };
} = {
  households: {
    created: [],
    fields: [
      { name: 'head_name', type: 'text', field: 'headName' },
      { name: 'head_name_folded', type: 'text', folds: 'headName' },
      { name: 'hamlet_id', type: 'integer', field: 'hamletId' },
      { name: 'clan_id', type: 'integer', field: 'clanId' },
      { name: 'members', type: 'smallint', field: 'members' },
      { name: 'address', type: 'text', field: 'address' },
    ],
  },
  clans: { created: [COMMUNE], fields: NAME_COLUMNS },
  units: {
    created: [COMMUNE],
    fields: [...NAME_COLUMNS, { name: 'category', type: 'text', field: 'category' }],
  },
};

const registrySource = (registry: RegistryKind) => SUBJECT_SOURCES[REGISTRY_MODEL_KIND[registry]];

/** The columns of a registry row, keyed by name, from the fields an import gives it. */
function registryRow<K extends RegistryKind>(
  registry: K,
  fields: RegistryFields[K],
): Record<string, unknown> {
  const columns: RegistryColumn<RegistryFields[K]>[] = REGISTRY_WRITES[registry].fields;
  return Object.fromEntries(
    columns.map((column) => [
      column.name,
      'field' in column ? fields[column.field] : foldForSearch(fields[column.folds] as string),
    ]),
  );
}

/**
 * The subjects of a registry by code, with the commune they belong to today (a household's
 * through its hamlet) and the fields an import compares, named as the import names them.
 */
function existingSql(registry: RegistryKind): string {
  const source = registrySource(registry);
  const commune =
    source.placeLevel === 'hamlet'
      ? `(SELECT ap.parent_id FROM area_parents ap
           WHERE ap.area_id = ${source.place} AND ${inForceOn('ap', 'current_date')})`
      : source.place;
  const fields = REGISTRY_WRITES[registry].fields.flatMap((column) =>
    'field' in column ? [`'${column.field}', s.${column.name}`] : [],
  );
  return `SELECT s.id, s.code, ${commune} AS "communeId", ${source.period},
                 json_build_object(${fields.join(', ')}) AS fields
            FROM ${source.table} s WHERE s.code = ANY($1)`;
}

/** What an imported result writes to its evaluation, created or updated. */
const EVALUATION_COLUMNS: BulkColumn[] = [
  { name: 'criteria_set_id', type: 'integer' },
  { name: 'registered', type: 'boolean' },
  { name: 'scores', type: 'jsonb' },
  { name: 'total', type: 'numeric' },
  { name: 'criteria_passed', type: 'boolean' },
  { name: 'criteria_reasons', type: 'jsonb' },
  { name: 'status', type: 'text' },
];

function evaluationRow(fields: EvaluationFields): Record<string, unknown> {
  return {
    criteria_set_id: fields.criteriaSetId,
    registered: fields.registered,
    scores: JSON.stringify(fields.scores),
    total: fields.total,
    criteria_passed: fields.criteriaPassed,
    criteria_reasons: JSON.stringify(fields.criteriaReasons),
    status: fields.status,
  };
}

const AUDIT_COLUMNS: BulkColumn[] = [
  { name: 'actor', type: 'text' },
  { name: 'action', type: 'text' },
  { name: 'entity', type: 'text' },
  { name: 'entity_code', type: 'text' },
  { name: 'area_id', type: 'integer' },
  { name: 'year', type: 'smallint' },
  { name: 'reason', type: 'text' },
  { name: 'before', type: 'jsonb' },
  { name: 'after', type: 'jsonb' },
];

export interface ImportRecord {
  actor: string;
  what: string;
  areaId: number;
  year: number | null;
  fileName: string;
  checksum: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** What imports read to plan their rows, and how they write them: in bulk, a batch at a time. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly db: Db) {}

  /**
   * The places a commune's rows may name, in one statement: its hamlets at the end of the year
   * (today when no year) and its clans active today, each by code.
   */
  async placesOf(
    communeId: number,
    year: number | null,
  ): Promise<{ hamlets: ImportPlace[]; clans: ImportPlace[] }> {
    const [places] = await this.db.rows<{ hamlets: ImportPlace[]; clans: ImportPlace[] }>(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object('id', a.id, 'code', a.code, 'name', a.name)
                                   ORDER BY a.code), '[]')
            FROM area_parents ap JOIN areas a ON a.id = ap.area_id
           WHERE ap.parent_id = $1 AND a.level = 'hamlet' AND ${inForceOn('ap', '$2')}) AS hamlets,
         (SELECT coalesce(json_agg(json_build_object('id', c.id, 'code', c.code, 'name', c.name)
                                   ORDER BY c.code), '[]')
            FROM clans c WHERE c.commune_id = $1 AND c.deactivated_on IS NULL) AS clans`,
      [communeId, year === null ? new Date().toISOString().slice(0, 10) : yearEnd(year)],
    );
    return places;
  }

  existingSubjects<K extends RegistryKind>(
    registry: K,
    codes: string[],
  ): Promise<ExistingSubject<RegistryFields[K]>[]> {
    return this.db.rows(existingSql(registry), [codes]);
  }

  /** New subjects of the registry and the changed fields of known ones. */
  async writeSubjects<K extends RegistryKind>(
    registry: K,
    communeId: number,
    creates: SubjectCreate<RegistryFields[K]>[],
    updates: SubjectUpdate<RegistryFields[K]>[],
  ): Promise<void> {
    const { table } = registrySource(registry);
    const { created, fields } = REGISTRY_WRITES[registry];
    await insertMany(
      this.db,
      table,
      [...CODE_AND_START, ...created, ...fields],
      creates.map((subject) => ({
        code: subject.code,
        active_from: subject.activeFrom,
        commune_id: communeId,
        ...registryRow(registry, subject.fields),
      })),
    );
    await updateMany(
      this.db,
      table,
      fields,
      updates.map((subject) => ({ id: subject.id, ...registryRow(registry, subject.fields) })),
    );
  }

  /**
   * The subjects of the kind an evaluation sheet names, placed under the commune (in one of its
   * hamlets, for the kinds placed in a hamlet) and active during the year.
   */
  async evaluationSubjects(
    kind: ModelKind,
    communeId: number,
    hamletIds: number[],
    year: number,
    codes: string[],
  ): Promise<EvaluationSubject[]> {
    const source = SUBJECT_SOURCES[kind];
    const [placed, area] =
      source.placeLevel === 'hamlet'
        ? [`${source.place} = ANY($2::integer[])`, hamletIds]
        : [`${source.place} = $2`, communeId];
    return this.db.rows(
      `SELECT s.id, s.code, ${source.place} AS place FROM ${source.table} s
        WHERE s.code = ANY($1) AND ${source.only} AND ${placed}
          AND ${source.activeDuring('$3', '$4')}`,
      [codes, area, yearStart(year), yearEnd(year)],
    );
  }

  /** The evaluations of these subjects in the year, locked until the import commits. */
  async existingEvaluations(
    kind: ModelKind,
    year: number,
    subjectIds: number[],
  ): Promise<ExistingEvaluation[]> {
    const column = SUBJECT_SOURCES[kind].evaluationColumn;
    return this.db.rows(
      `SELECT id, ${column} AS "subjectId", registered, scores, status, version
         FROM evaluations WHERE kind = $1 AND year = $2 AND ${column} = ANY($3)
          FOR UPDATE`,
      [kind, year, subjectIds],
    );
  }

  /** New evaluations of the kind and year, and the rescored ones, each update a new version. */
  async writeEvaluations(
    kind: ModelKind,
    year: number,
    creates: EvaluationCreate[],
    updates: EvaluationUpdate[],
  ): Promise<void> {
    const subject: BulkColumn = { name: SUBJECT_SOURCES[kind].evaluationColumn, type: 'integer' };
    await insertMany(
      this.db,
      'evaluations',
      [
        { name: 'kind', type: 'text' },
        { name: 'year', type: 'smallint' },
        subject,
        ...EVALUATION_COLUMNS,
      ],
      creates.map((evaluation) => ({
        kind,
        year,
        [subject.name]: evaluation.subjectId,
        ...evaluationRow(evaluation.fields),
      })),
    );
    await updateMany(
      this.db,
      'evaluations',
      EVALUATION_COLUMNS,
      updates.map((evaluation) => ({ id: evaluation.id, ...evaluationRow(evaluation.fields) })),
      ', version = t.version + 1',
    );
  }

  /** The audit rows of an import's changes, each naming the import in its reason. */
  async auditChanges(
    entry: { actor: string; entity: string; year: number | null; reason: string },
    changes: ImportAudit[],
  ): Promise<void> {
    await insertMany(
      this.db,
      'audit_log',
      AUDIT_COLUMNS,
      changes.map((change) => ({
        actor: entry.actor,
        action: change.action,
        entity: entry.entity,
        entity_code: change.code,
        area_id: change.areaId,
        year: entry.year,
        reason: entry.reason,
        before: change.before === null ? null : JSON.stringify(change.before),
        after: JSON.stringify(change.after),
      })),
    );
  }

  async record(record: ImportRecord): Promise<number> {
    const rows: { id: string }[] = await this.db.rows(
      `INSERT INTO imports (actor, what, area_id, year, file_name, checksum, rows, created, updated, unchanged)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        record.actor,
        record.what,
        record.areaId,
        record.year,
        record.fileName,
        record.checksum,
        record.rows,
        record.created,
        record.updated,
        record.unchanged,
      ],
    );
    return Number(rows[0].id);
  }

  /** The counts of an import, once all its batches are written. */
  async finish(
    id: number,
    counts: { rows: number; created: number; updated: number; unchanged: number },
  ): Promise<void> {
    await this.db.rows(
      `UPDATE imports SET rows = $2, created = $3, updated = $4, unchanged = $5 WHERE id = $1`,
      [id, counts.rows, counts.created, counts.updated, counts.unchanged],
    );
  }
}
