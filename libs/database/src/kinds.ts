import { SUBJECT_KINDS, type ModelKind, type SubjectKind } from '@app/domain';
import { activeDuring, inForceDuring } from './sql.js';

/**
 * Where each kind of learning model lives in the schema: the one map every query over subjects is
 * built from. Fragments are written over the alias `s` for the subject's row.
 */
export interface SubjectSource extends SubjectKind {
  /** The table of the subjects: a registry, or the areas for communities. */
  table: 'households' | 'clans' | 'units' | 'areas';
  /** The subject's name, and its accent-folded form for searching. */
  name: string;
  folded: string;
  /** The area the subject is placed in: its hamlet, its commune, or itself for a community. */
  place: string;
  /** The evaluation column that points at a subject of this kind. */
  evaluationColumn: 'household_id' | 'clan_id' | 'unit_id' | 'community_id';
  /** The household column that makes a household a member, for kinds with members. */
  memberColumn: 'clan_id' | 'hamlet_id' | null;
  /** Only rows that are subjects of this kind (the areas table also holds communes). */
  only: string;
  /** Active (or, for a community, in force) at some point between the two dates. */
  activeDuring(from: string, to: string): string;
  /** The period columns as `activeFrom` and `deactivatedOn` (the first day it is gone). */
  period: string;
  /** A unit's category; NULL for the kinds that have none. */
  category: string;
}

const REGISTRY_PERIOD = `to_char(s.active_from, 'YYYY-MM-DD') AS "activeFrom",
  to_char(s.deactivated_on, 'YYYY-MM-DD') AS "deactivatedOn"`;

export const SUBJECT_SOURCES: Record<ModelKind, SubjectSource> = {
  family: {
    ...SUBJECT_KINDS.family,
    table: 'households',
    name: 's.head_name',
    folded: 's.head_name_folded',
    place: 's.hamlet_id',
    evaluationColumn: 'household_id',
    memberColumn: null,
    only: 'TRUE',
    activeDuring: (from, to) => activeDuring('s', from, to),
    period: REGISTRY_PERIOD,
    category: 'NULL::text',
  },
  clan: {
    ...SUBJECT_KINDS.clan,
    table: 'clans',
    name: 's.name',
    folded: 's.name_folded',
    place: 's.commune_id',
    evaluationColumn: 'clan_id',
    memberColumn: 'clan_id',
    only: 'TRUE',
    activeDuring: (from, to) => activeDuring('s', from, to),
    period: REGISTRY_PERIOD,
    category: 'NULL::text',
  },
  unit: {
    ...SUBJECT_KINDS.unit,
    table: 'units',
    name: 's.name',
    folded: 's.name_folded',
    place: 's.commune_id',
    evaluationColumn: 'unit_id',
    memberColumn: null,
    only: 'TRUE',
    activeDuring: (from, to) => activeDuring('s', from, to),
    period: REGISTRY_PERIOD,
    category: 's.category',
  },
  community: {
    ...SUBJECT_KINDS.community,
    table: 'areas',
    name: 's.name',
    folded: 's.name_folded',
    place: 's.id',
    evaluationColumn: 'community_id',
    memberColumn: 'hamlet_id',
    only: `s.level = 'hamlet'`,
    activeDuring: (from, to) => inForceDuring('s', from, to),
    period: `to_char(s.valid_from, 'YYYY-MM-DD') AS "activeFrom",
      to_char(s.valid_to + 1, 'YYYY-MM-DD') AS "deactivatedOn"`,
    category: 'NULL::text',
  },
};

/** The kinds whose subjects are registry rows, in the catalogue's order. */
export const REGISTRY_SOURCES = Object.values(SUBJECT_SOURCES).filter(
  (source) => source.registry !== null,
);
