import {
  foldForSearch,
  normalizeText,
  REGISTRY_MODEL_KIND,
  SUBJECT_KINDS,
  type AreaLevel,
  type RegistryKind,
  type SubjectKind,
} from '@app/domain';
import type { RegistryColumns, RegistryRows, RowRef } from '@app/database';
import type { AreaRef, RegistryDtos } from './dto/registry.dto.js';

/** What a create or update request asks: where the subject goes, and the columns it sets. */
interface RegistryRequest<K extends RegistryKind> {
  /** The area the request's place field names. */
  placeCode?: string;
  /** The clan named, null to leave none. */
  clanCode?: string | null;
  /** The columns the request sets; a field it leaves out is absent (on create: empty). */
  columns: Partial<RegistryColumns[K]>;
}

/** What differs between households, clans and units; the service runs the same path for all. */
export interface RegistrySpec<K extends RegistryKind> {
  kind: K;
  subject: SubjectKind;
  /** What a message calls one subject. */
  label: string;
  /** The request field naming the subject's place, which has the subject kind's place level. */
  placeField: 'hamletCode' | 'communeCode';
  placeLevel: AreaLevel;
  /**
   * For subjects that may belong to a clan of the commune their place is in today (households):
   * their clan, and that commune.
   */
  membership: {
    clan(row: RegistryRows[K]): RowRef | null;
    commune(row: RegistryRows[K]): (RowRef & { level: AreaLevel }) | null;
  } | null;
  view(row: RegistryRows[K]): RegistryDtos[K]['view'];
  /** Reads a create request, or an update (a part of one). */
  read(dto: Partial<RegistryDtos[K]['create']>): RegistryRequest<K>;
}

function ref({ code, name }: RowRef): AreaRef {
  return { code, name };
}

function period(row: RegistryRows[RegistryKind]) {
  return {
    activeFrom: row.activeFrom,
    deactivatedOn: row.deactivatedOn,
    deactivationReason: row.deactivationReason,
  };
}

/** A name as stored: normalised, with its accent-folded form for searching. */
function named(text: string | undefined): { name?: string; nameFolded?: string } {
  if (text === undefined) return {};
  const name = normalizeText(text);
  return { name, nameFolded: foldForSearch(name) };
}

function optionalText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : normalizeText(text);
}

function spec<K extends RegistryKind>(
  kind: K,
  specific: Omit<RegistrySpec<K>, 'kind' | 'subject' | 'placeLevel' | 'label'> & {
    label?: string;
  },
): RegistrySpec<K> {
  const subject = SUBJECT_KINDS[REGISTRY_MODEL_KIND[kind]];
  return { kind, subject, placeLevel: subject.placeLevel, label: subject.noun, ...specific };
}

export const REGISTRIES: { [K in RegistryKind]: RegistrySpec<K> } = {
  households: spec('households', {
    // Messages name a household in full, where the catalogue's noun is the short "hộ".
    label: 'hộ gia đình',
    placeField: 'hamletCode',
    membership: { clan: (row) => row.clan, commune: (row) => row.commune },
    view: (row) => ({
      code: row.code,
      headName: row.name,
      members: row.members,
      address: row.address,
      hamlet: ref(row.place),
      commune: row.commune && ref(row.commune),
      clan: row.clan && ref(row.clan),
      ...period(row),
    }),
    read: (dto) => ({
      placeCode: dto.hamletCode,
      clanCode: dto.clanCode,
      columns: {
        ...named(dto.headName),
        members: dto.members,
        address: optionalText(dto.address),
      },
    }),
  }),
  clans: spec('clans', {
    placeField: 'communeCode',
    membership: null,
    view: (row) => ({
      code: row.code,
      name: row.name,
      headName: row.headName,
      commune: ref(row.place),
      households: row.households,
      ...period(row),
    }),
    read: (dto) => ({
      placeCode: dto.communeCode,
      columns: { ...named(dto.name), headName: optionalText(dto.headName) },
    }),
  }),
  units: spec('units', {
    placeField: 'communeCode',
    membership: null,
    view: (row) => ({
      code: row.code,
      name: row.name,
      category: row.category,
      headName: row.headName,
      commune: ref(row.place),
      ...period(row),
    }),
    read: (dto) => ({
      placeCode: dto.communeCode,
      columns: {
        ...named(dto.name),
        category: dto.category,
        headName: optionalText(dto.headName),
      },
    }),
  }),
};
