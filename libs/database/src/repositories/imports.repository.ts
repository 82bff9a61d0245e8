import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import type { ImportKind, ModelKind } from '@app/domain';
import { yearEnd } from './dates.js';

/** A column written in bulk: its name and the PostgreSQL type of its array. */
export interface BulkColumn {
  name: string;
  type: 'integer' | 'text' | 'date' | 'boolean' | 'numeric' | 'jsonb' | 'smallint';
}

export interface ExistingSubject {
  id: number;
  code: string;
  /** The commune the subject belongs to today (a household's through its hamlet). */
  communeId: number | null;
  activeFrom: string;
  deactivatedOn: string | null;
  fields: Record<string, string | number | boolean | null>;
}

export interface ExistingEvaluation {
  id: number;
  subjectId: number;
  registered: boolean;
  scores: Record<string, number>;
  status: string;
  version: number;
}

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

const PERIOD = `to_char(s.active_from, 'YYYY-MM-DD') AS "activeFrom",
  to_char(s.deactivated_on, 'YYYY-MM-DD') AS "deactivatedOn"`;

const HAMLET_COMMUNE = `(SELECT ap.parent_id FROM area_parents ap WHERE ap.area_id = s.hamlet_id
   AND ap.valid_from <= current_date AND (ap.valid_to IS NULL OR ap.valid_to >= current_date))`;

const EXISTING: Record<Exclude<ImportKind, 'evaluations' | 'trainees'>, string> = {
  households: `SELECT s.id, s.code, ${HAMLET_COMMUNE} AS "communeId", ${PERIOD},
                      json_build_object('headName', s.head_name, 'hamletId', s.hamlet_id, 'clanId', s.clan_id,
                                        'members', s.members, 'address', s.address) AS fields
                 FROM households s WHERE s.code = ANY($1)`,
  clans: `SELECT s.id, s.code, s.commune_id AS "communeId", ${PERIOD},
                 json_build_object('name', s.name, 'headName', s.head_name) AS fields
            FROM clans s WHERE s.code = ANY($1)`,
  units: `SELECT s.id, s.code, s.commune_id AS "communeId", ${PERIOD},
                 json_build_object('name', s.name, 'category', s.category, 'headName', s.head_name) AS fields
            FROM units s WHERE s.code = ANY($1)`,
};

/**
 * The subjects an evaluation sheet may name, under the commune, active during the year, with the
 * place they count in (a family's hamlet, a community's own, a clan's or unit's commune).
 */
const EVALUATION_SUBJECTS: Record<ModelKind, string> = {
  family: `SELECT s.id, s.code, s.hamlet_id AS place FROM households s
            WHERE s.code = ANY($1) AND s.hamlet_id IN (SELECT id FROM hamlets)
              AND s.active_from <= $3::date AND (s.deactivated_on IS NULL OR s.deactivated_on > $4::date)`,
  clan: `SELECT s.id, s.code, s.commune_id AS place FROM clans s
          WHERE s.code = ANY($1) AND s.commune_id = $2
            AND s.active_from <= $3::date AND (s.deactivated_on IS NULL OR s.deactivated_on > $4::date)`,
  unit: `SELECT s.id, s.code, s.commune_id AS place FROM units s
          WHERE s.code = ANY($1) AND s.commune_id = $2
            AND s.active_from <= $3::date AND (s.deactivated_on IS NULL OR s.deactivated_on > $4::date)`,
  community: `SELECT s.id, s.code, s.id AS place FROM areas s WHERE s.code = ANY($1) AND s.id IN (SELECT id FROM hamlets)`,
};

const EVALUATION_COLUMN: Record<ModelKind, string> = {
  family: 'household_id',
  clan: 'clan_id',
  unit: 'unit_id',
  community: 'community_id',
};

/** Rows per bulk statement. */
const BATCH = 5000;

@Injectable()
export class ImportsRepository {
  constructor(private readonly db: Db) {}

  async existingSubjects(
    what: Exclude<ImportKind, 'evaluations' | 'trainees'>,
    codes: string[],
  ): Promise<ExistingSubject[]> {
    return this.db.rows(EXISTING[what], [codes]);
  }

  /** The commune's hamlets at the end of the year (today when no year), by code. */
  async hamletsOf(communeId: number, year: number | null) {
    const rows: { id: number; code: string; name: string }[] = await this.db.rows(
      `SELECT a.id, a.code, a.name FROM area_parents ap JOIN areas a ON a.id = ap.area_id
        WHERE ap.parent_id = $1 AND a.level = 'hamlet'
          AND ap.valid_from <= $2::date AND (ap.valid_to IS NULL OR ap.valid_to >= $2::date)
        ORDER BY a.code`,
      [communeId, year === null ? new Date().toISOString().slice(0, 10) : yearEnd(year)],
    );
    return rows;
  }

  async clansOf(communeId: number) {
    const rows: { id: number; code: string; name: string }[] = await this.db.rows(
      `SELECT id, code, name FROM clans WHERE commune_id = $1 AND deactivated_on IS NULL ORDER BY code`,
      [communeId],
    );
    return rows;
  }

  /** The subjects of the commune named in an evaluation sheet, active during the year. */
  async evaluationSubjects(
    kind: ModelKind,
    communeId: number,
    year: number,
    codes: string[],
  ): Promise<{ id: number; code: string; place: number }[]> {
    return this.db.rows(
      `WITH hamlets AS (
         SELECT ap.area_id AS id FROM area_parents ap
          WHERE ap.parent_id = $2 AND ap.valid_from <= $3::date AND (ap.valid_to IS NULL OR ap.valid_to >= $3::date)
       ) ${EVALUATION_SUBJECTS[kind]}`,
      [codes, communeId, yearEnd(year), `${year}-01-01`],
    );
  }

  /** The evaluations of these subjects in the year, locked until the import commits. */
  async existingEvaluations(
    kind: ModelKind,
    year: number,
    subjectIds: number[],
  ): Promise<ExistingEvaluation[]> {
    return this.db.rows(
      `SELECT id, ${EVALUATION_COLUMN[kind]} AS "subjectId", registered, scores, status, version
         FROM evaluations WHERE kind = $1 AND year = $2 AND ${EVALUATION_COLUMN[kind]} = ANY($3)
          FOR UPDATE`,
      [kind, year, subjectIds],
    );
  }

  evaluationColumn(kind: ModelKind): string {
    return EVALUATION_COLUMN[kind];
  }

  /**
   * Inserts the rows a batch per statement, each column passed as one array: few round trips,
   * and the parameters of one batch at a time in memory.
   */
  async insertMany(
    table: string,
    columns: BulkColumn[],
    rows: Record<string, unknown>[],
  ): Promise<void> {
    const sql = `INSERT INTO ${table} (${columns.map((column) => column.name).join(', ')})
       SELECT * FROM unnest(${columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ')})`;
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      await this.db.rows(
        sql,
        columns.map((column) => batch.map((row) => row[column.name] ?? null)),
      );
    }
  }

  /** Updates every row by id in one statement; `updated_at` is set on each. */
  async updateMany(
    table: string,
    columns: BulkColumn[],
    rows: Record<string, unknown>[],
    extra = '',
  ): Promise<void> {
    const all: BulkColumn[] = [{ name: 'id', type: 'integer' }, ...columns];
    const sql = `UPDATE ${table} t SET ${columns.map((column) => `${column.name} = v.${column.name}`).join(', ')},
              updated_at = now()${extra}
         FROM unnest(${all.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ')})
           AS v(${all.map((column) => column.name).join(', ')})
        WHERE t.id = v.id`;
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      await this.db.rows(
        sql,
        all.map((column) => batch.map((row) => row[column.name] ?? null)),
      );
    }
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
}
