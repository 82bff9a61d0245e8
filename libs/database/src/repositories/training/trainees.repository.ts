import { Injectable } from '@nestjs/common';
import { inForceOn } from '../../sql.js';
import { Db } from '../../db.js';
import {
  foldForSearch,
  GROUP_ROLES,
  type ExistingTrainee,
  type TraineeCreate,
  type TraineeGroup,
  type TraineeRole,
  type TraineeUpdate,
} from '@app/domain';
import type { PageRows } from '../registry.repository.js';
import { TREE_SQL, type TreeRow } from '../area-tree.repository.js';
import { bulkRow, unnestOf, upsertMany, type FieldColumn } from '../bulk.js';
import { AREA_BRIEF, type PostingRow } from './area-brief.js';

const POSTING = (posting: string, area: string) =>
  `json_build_object('area', ${AREA_BRIEF(area)}, 'role', ${posting}.role,
     'validFrom', to_char(${posting}.valid_from, 'YYYY-MM-DD'),
     'validTo', to_char(${posting}.valid_to, 'YYYY-MM-DD'))`;

export interface TraineeRecord {
  id: number;
  code: string;
  fullName: string;
  associationMember: boolean | null;
  phone: string | null;
  /** The open posting, or the last one when all are closed. */
  posting: (PostingRow & { id: number; areaId: number }) | null;
}

const TRAINEE_SELECT = `
  SELECT t.id, t.code, t.full_name AS "fullName", t.association_member AS "associationMember",
         t.phone,
         (SELECT ${POSTING('p', 'a')}::jsonb || jsonb_build_object('id', p.id, 'areaId', p.area_id)
            FROM trainee_postings p JOIN areas a ON a.id = p.area_id
           WHERE p.trainee_id = t.id
           ORDER BY p.valid_to IS NULL DESC, p.valid_from DESC LIMIT 1) AS posting
    FROM trainees t`;

/** A person as reference or demo data gives them, by code. */
export interface TraineeWrite {
  code: string;
  fullName: string;
  associationMember: boolean | null;
}

export interface PostingWrite {
  traineeId: number;
  areaId: number;
  role: TraineeRole;
  validFrom: string;
  validTo: string | null;
}

const TRAINEE_WRITES: FieldColumn<TraineeWrite & { fullNameFolded: string }>[] = [
  { name: 'code', type: 'text', field: 'code' },
  { name: 'full_name', type: 'text', field: 'fullName' },
  { name: 'full_name_folded', type: 'text', field: 'fullNameFolded' },
  { name: 'association_member', type: 'boolean', field: 'associationMember' },
];

const POSTING_WRITES: FieldColumn<PostingWrite>[] = [
  { name: 'trainee_id', type: 'integer', field: 'traineeId' },
  { name: 'area_id', type: 'integer', field: 'areaId' },
  { name: 'role', type: 'text', field: 'role' },
  { name: 'valid_from', type: 'date', field: 'validFrom' },
  { name: 'valid_to', type: 'date', field: 'validTo' },
];

export interface TraineeFilter {
  /** Places (communes and hamlets) whose people are listed. */
  placeIds: number[];
  /** People serving there on this day. */
  on: string;
  folded?: string;
  role?: TraineeRole;
  group?: TraineeGroup;
  limit: number;
  offset: number;
}

/** People to train and the places they serve in, one posting at a time. */
@Injectable()
export class TraineesRepository {
  constructor(private readonly db: Db) {}

  /** The area and the communes and hamlets under it on the day: where its people serve. */
  async placesUnder(areaId: number, on: string): Promise<number[]> {
    const tree: TreeRow[] = await this.db.rows(TREE_SQL, [areaId, on, 'commune']);
    return tree.map((node) => node.id);
  }

  async findTrainee(code: string): Promise<TraineeRecord | null> {
    const rows: TraineeRecord[] = await this.db.rows(
      `${TRAINEE_SELECT} WHERE t.code = $1 ${this.db.inTransaction ? 'FOR UPDATE OF t' : ''}`,
      [code],
    );
    return rows[0] ?? null;
  }

  /** People by code with their open posting, for an import to compare its rows against. */
  async existingForImport(codes: string[]): Promise<ExistingTrainee[]> {
    return this.db.rows(
      `SELECT t.id, t.code, t.full_name AS "fullName", t.association_member AS "associationMember",
              t.phone, p.area_id AS "areaId", a.code AS "placeCode", p.role,
              to_char(p.valid_from, 'YYYY-MM-DD') AS "validFrom"
         FROM trainees t
         LEFT JOIN trainee_postings p ON p.trainee_id = t.id AND p.valid_to IS NULL
         LEFT JOIN areas a ON a.id = p.area_id
        WHERE t.code = ANY($1::text[])
        FOR UPDATE OF t`,
      [codes],
    );
  }

  /**
   * An import's batch: new people with their first posting, changed people, and new postings of
   * those whose place or role changed (the open posting ends the day before).
   */
  async importBatch(creates: TraineeCreate[], updates: TraineeUpdate[]): Promise<void> {
    if (creates.length > 0) {
      await this.db.rows(
        `WITH given AS (
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[],
                                $6::integer[], $7::text[], $8::date[])
             AS g(code, full_name, full_name_folded, association_member, phone, area_id, role, valid_from)),
         added AS (
           INSERT INTO trainees (code, full_name, full_name_folded, association_member, phone)
           SELECT code, full_name, full_name_folded, association_member, phone FROM given
           RETURNING id, code)
         INSERT INTO trainee_postings (trainee_id, area_id, role, valid_from)
         SELECT added.id, given.area_id, given.role, given.valid_from
           FROM added JOIN given ON given.code = added.code`,
        [
          creates.map((person) => person.code),
          creates.map((person) => person.fullName),
          creates.map((person) => foldForSearch(person.fullName)),
          creates.map((person) => person.associationMember),
          creates.map((person) => person.phone),
          creates.map((person) => person.posting.areaId),
          creates.map((person) => person.posting.role),
          creates.map((person) => person.posting.validFrom),
        ],
      );
    }
    if (updates.length > 0) {
      await this.db.rows(
        `UPDATE trainees t
            SET full_name = g.full_name, full_name_folded = g.full_name_folded,
                association_member = g.association_member, phone = g.phone, updated_at = now()
           FROM unnest($1::integer[], $2::text[], $3::text[], $4::boolean[], $5::text[])
                  AS g(id, full_name, full_name_folded, association_member, phone)
          WHERE t.id = g.id`,
        [
          updates.map((person) => person.id),
          updates.map((person) => person.fullName),
          updates.map((person) => foldForSearch(person.fullName)),
          updates.map((person) => person.associationMember),
          updates.map((person) => person.phone),
        ],
      );
    }
    const moves = updates.flatMap((update) =>
      update.posting ? [{ traineeId: update.id, ...update.posting }] : [],
    );
    if (moves.length > 0) {
      const given = [
        moves.map((move) => move.traineeId),
        moves.map((move) => move.areaId),
        moves.map((move) => move.role),
        moves.map((move) => move.validFrom),
      ];
      const unnest = `unnest($1::integer[], $2::integer[], $3::text[], $4::date[])
                        AS g(trainee_id, area_id, role, valid_from)`;
      // Two statements: one person may hold one open posting, checked row by row.
      await this.db.rows(
        `UPDATE trainee_postings p SET valid_to = g.valid_from - 1
           FROM ${unnest} WHERE p.trainee_id = g.trainee_id AND p.valid_to IS NULL`,
        given,
      );
      await this.db.rows(
        `INSERT INTO trainee_postings (trainee_id, area_id, role, valid_from)
         SELECT trainee_id, area_id, role, valid_from FROM ${unnest}`,
        given,
      );
    }
  }

  /** Adds the people whose code is new and renames or reflags the others, in bulk. */
  upsertByCode(trainees: TraineeWrite[]): Promise<number> {
    return upsertMany(
      this.db,
      { table: 'trainees', key: ['code'], columns: TRAINEE_WRITES },
      trainees.map((trainee) =>
        bulkRow(TRAINEE_WRITES, { ...trainee, fullNameFolded: foldForSearch(trainee.fullName) }),
      ),
    );
  }

  /**
   * Adds the postings of the people who have none yet; the postings of anyone who has one are
   * left alone, so a move recorded since is kept. One statement, so that a person's later
   * postings are not taken for history by a batch after their first.
   */
  async addPostingsWhereNone(postings: PostingWrite[]): Promise<void> {
    const names = POSTING_WRITES.map((column) => column.name).join(', ');
    await this.db.rows(
      `INSERT INTO trainee_postings (${names})
       SELECT * FROM ${unnestOf(POSTING_WRITES)} AS p(${names})
        WHERE NOT EXISTS (SELECT 1 FROM trainee_postings e WHERE e.trainee_id = p.trainee_id)`,
      POSTING_WRITES.map((column) => postings.map((posting) => posting[column.field])),
    );
  }

  async listTrainees(filter: TraineeFilter): Promise<PageRows<TraineeRecord>> {
    const params: unknown[] = [filter.placeIds, filter.on];
    const posting = [
      `sp.trainee_id = t.id`,
      `sp.area_id = ANY($1::integer[])`,
      inForceOn('sp', '$2'),
    ];
    if (filter.role) {
      params.push(filter.role);
      posting.push(`sp.role = $${params.length}`);
    }
    if (filter.group) {
      params.push([...GROUP_ROLES[filter.group]]);
      // As in `groupsOf`: a flagged member belongs to the association whatever their role.
      const flagged = filter.group === 'association' ? ' OR t.association_member' : '';
      posting.push(`(sp.role = ANY($${params.length}::text[])${flagged})`);
    }
    const where = [`EXISTS (SELECT 1 FROM trainee_postings sp WHERE ${posting.join(' AND ')})`];
    if (filter.folded) {
      params.push(`%${filter.folded}%`);
      where.push(
        `(t.full_name_folded LIKE $${params.length} OR lower(t.code) LIKE $${params.length})`,
      );
    }
    const filtered = `FROM trainees t WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.db.rows<{ total: number }>(
      `SELECT count(*)::int AS total ${filtered}`,
      params,
    );
    const rows: TraineeRecord[] = await this.db.rows(
      `${TRAINEE_SELECT} WHERE t.id IN (SELECT t.id ${filtered})
        ORDER BY t.full_name_folded, t.code
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { rows, total };
  }

  async insertTrainee(trainee: {
    code: string;
    fullName: string;
    fullNameFolded: string;
    associationMember: boolean | null;
    phone: string | null;
  }): Promise<number> {
    const [{ id }] = await this.db.rows<{ id: number }>(
      `INSERT INTO trainees (code, full_name, full_name_folded, association_member, phone)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        trainee.code,
        trainee.fullName,
        trainee.fullNameFolded,
        trainee.associationMember,
        trainee.phone,
      ],
    );
    return id;
  }

  async updateTrainee(
    id: number,
    changes: {
      fullName: string;
      fullNameFolded: string;
      associationMember: boolean | null;
      phone: string | null;
    },
  ): Promise<void> {
    await this.db.rows(
      `UPDATE trainees SET full_name = $2, full_name_folded = $3, association_member = $4,
              phone = $5, updated_at = now()
        WHERE id = $1`,
      [id, changes.fullName, changes.fullNameFolded, changes.associationMember, changes.phone],
    );
  }

  /** Closes the open posting the day before `validFrom`, then opens the new one. */
  async startPosting(
    traineeId: number,
    posting: { areaId: number; role: TraineeRole; validFrom: string },
  ): Promise<void> {
    await this.db.rows(
      `UPDATE trainee_postings SET valid_to = $2::date - 1 WHERE trainee_id = $1 AND valid_to IS NULL`,
      [traineeId, posting.validFrom],
    );
    await this.db.rows(
      `INSERT INTO trainee_postings (trainee_id, area_id, role, valid_from) VALUES ($1, $2, $3, $4)`,
      [traineeId, posting.areaId, posting.role, posting.validFrom],
    );
  }

  async postings(traineeId: number): Promise<PostingRow[]> {
    const rows: { posting: PostingRow }[] = await this.db.rows(
      `SELECT ${POSTING('p', 'a')} AS posting
         FROM trainee_postings p JOIN areas a ON a.id = p.area_id
        WHERE p.trainee_id = $1 ORDER BY p.valid_from DESC`,
      [traineeId],
    );
    return rows.map((row) => row.posting);
  }

  async coursesOf(
    traineeId: number,
  ): Promise<
    { code: string; title: string; startsOn: string; days: number; daysAttended: number }[]
  > {
    return this.db.rows(
      `SELECT c.code, c.title, to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn",
              (c.ends_on - c.starts_on + 1)::int AS days, a.days_attended AS "daysAttended"
         FROM training_attendance a JOIN training_courses c ON c.id = a.course_id
        WHERE a.trainee_id = $1 ORDER BY c.starts_on DESC, c.code`,
      [traineeId],
    );
  }
}
