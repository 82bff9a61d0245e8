import type { ModelKind } from './model.js';

/** The registries that hold subjects; communities are the hamlets themselves. */
export const REGISTRY_KINDS = ['households', 'clans', 'units'] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

export interface SubjectKind {
  kind: ModelKind;
  /** The registry holding the subjects; null for communities, which are hamlets. */
  registry: RegistryKind | null;
  /** The level of the area a subject is placed in, where it counts. */
  placeLevel: 'hamlet' | 'commune';
  /**
   * How a household is a member of the subject, for the dependency rule on member families: by
   * its clan, or by living in the hamlet; null when the kind has no members.
   */
  members: 'clan' | 'hamlet' | null;
  /** What the audit trail calls one subject. */
  entity: 'household' | 'clan' | 'unit' | 'area';
  /** What a message calls one subject, in Vietnamese. */
  noun: string;
}

/** What each kind of learning model is made of: the one place this is written. */
export const SUBJECT_KINDS: Record<ModelKind, SubjectKind> = {
  family: {
    kind: 'family',
    registry: 'households',
    placeLevel: 'hamlet',
    members: null,
    entity: 'household',
    noun: 'hộ',
  },
  clan: {
    kind: 'clan',
    registry: 'clans',
    placeLevel: 'commune',
    members: 'clan',
    entity: 'clan',
    noun: 'dòng họ',
  },
  community: {
    kind: 'community',
    registry: null,
    placeLevel: 'hamlet',
    members: 'hamlet',
    entity: 'area',
    noun: 'thôn, tổ dân phố',
  },
  unit: {
    kind: 'unit',
    registry: 'units',
    placeLevel: 'commune',
    members: null,
    entity: 'unit',
    noun: 'đơn vị',
  },
};

/** The kind of learning model a registry's subjects are evaluated as. */
export const REGISTRY_MODEL_KIND: Record<RegistryKind, ModelKind> = {
  households: 'family',
  clans: 'clan',
  units: 'unit',
};
