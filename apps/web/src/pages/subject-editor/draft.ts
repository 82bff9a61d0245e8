export type EditableKind = 'family' | 'clan' | 'unit';

/** A household, clan or unit as the API answers it, as far as the form reads it. */
export interface SubjectRecord {
  code: string;
  name?: string;
  headName: string | null;
  hamlet?: { code: string };
  commune: { code: string } | null;
  clan?: { code: string } | null;
  members?: number;
  address?: string | null;
  category?: string;
}

/** The form's fields, as typed. */
export interface Draft {
  code: string;
  name: string;
  headName: string;
  hamletCode: string;
  clanCode: string;
  members: string;
  address: string;
  category: string;
  activeFrom: string;
}

export const EMPTY_DRAFT: Draft = {
  code: '',
  name: '',
  headName: '',
  hamletCode: '',
  clanCode: '',
  members: '',
  address: '',
  category: 'school',
  activeFrom: '',
};

export function fromRecord(record: SubjectRecord): Draft {
  return {
    code: record.code,
    name: record.name ?? '',
    headName: record.headName ?? '',
    hamletCode: record.hamlet?.code ?? '',
    clanCode: record.clan?.code ?? '',
    members: record.members === undefined ? '' : String(record.members),
    address: record.address ?? '',
    category: record.category ?? 'school',
    activeFrom: '',
  };
}

/** The body the API takes for a new subject or a change: only the fields that kind has. */
export function bodyOf(kind: EditableKind, draft: Draft, commune: string, creating: boolean) {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const identity = creating
    ? { code: draft.code.trim(), activeFrom: optional(draft.activeFrom) }
    : {};
  if (kind === 'family') {
    return {
      ...identity,
      headName: draft.headName.trim(),
      hamletCode: draft.hamletCode,
      clanCode: draft.clanCode || null,
      members: Number(draft.members),
      address: optional(draft.address),
    };
  }
  return {
    ...identity,
    ...(creating ? { communeCode: commune } : {}),
    name: draft.name.trim(),
    headName: optional(draft.headName),
    ...(kind === 'unit' ? { category: draft.category } : {}),
  };
}
