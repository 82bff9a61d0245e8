import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { UNIT_CATEGORIES, isModelKind } from '@app/domain';
import { api, ApiError, withQuery } from '../api';
import { Loading, Notice, SelectField, TextField } from '../components/ui';
import { UNIT_CATEGORY_LABELS } from '../format';
import { useLoad } from '../hooks';
import type { AreaBrief, Page } from '../types';

type EditableKind = 'family' | 'clan' | 'unit';

const ENDPOINTS: Record<EditableKind, string> = {
  family: '/households',
  clan: '/clans',
  unit: '/units',
};

const TITLES: Record<EditableKind, [string, string]> = {
  family: ['Thêm hộ gia đình', 'Sửa hộ gia đình'],
  clan: ['Thêm dòng họ', 'Sửa dòng họ'],
  unit: ['Thêm đơn vị', 'Sửa đơn vị'],
};

interface SubjectRecord {
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

interface Draft {
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

const EMPTY: Draft = {
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

function fromRecord(record: SubjectRecord): Draft {
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
function bodyOf(kind: EditableKind, draft: Draft, commune: string, creating: boolean) {
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

export function SubjectEditor({ kind, code }: { kind: string; code: string }) {
  const { query, route } = useLocation();
  const creating = code === 'moi';
  const editable: EditableKind | null = isModelKind(kind) && kind !== 'community' ? kind : null;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const record = useLoad(
    () =>
      editable && !creating
        ? api.get<SubjectRecord>(`${ENDPOINTS[editable]}/${code}`)
        : Promise.resolve(null),
    [editable, code],
  );
  useEffect(() => {
    if (record.data) setDraft(fromRecord(record.data));
  }, [record.data]);
  const commune = record.data?.commune?.code ?? query.commune ?? '';
  const hamlets = useLoad(
    () =>
      editable === 'family' && commune
        ? api.get<AreaBrief[]>('/areas', { level: 'hamlet', parent: commune })
        : Promise.resolve([]),
    [editable, commune],
  );
  const clans = useLoad(
    () =>
      editable === 'family' && commune
        ? api.get<Page<{ code: string; name: string }>>('/clans', { commune, pageSize: 500 })
        : Promise.resolve(null),
    [editable, commune],
  );

  if (!editable) return <Notice kind="error">Không sửa được loại đối tượng này.</Notice>;
  if (record.error) return <Notice kind="error">{record.error.message}</Notice>;
  if (!creating && !record.data) return <Loading what="hồ sơ" />;

  const set = (field: keyof Draft) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const back = withQuery(`/xa/${commune}`, { kind: editable });

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = bodyOf(editable, draft, commune, creating);
      if (creating) await api.post(ENDPOINTS[editable], body);
      else await api.patch(`${ENDPOINTS[editable]}/${code}`, body);
      // Back to the list as it was left: same year, same filters.
      if (history.length > 1) history.back();
      else route(back);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page narrow">
      <h1>{TITLES[editable][creating ? 0 : 1]}</h1>
      <form class="card" onSubmit={(event) => void save(event)}>
        {error && <Notice kind="error">{error.message}</Notice>}
        <TextField
          label="Mã"
          value={draft.code}
          onValue={set('code')}
          disabled={!creating}
          required
          hint={
            creating
              ? 'Chữ không dấu, số, dấu gạch hoặc dấu chấm, ví dụ HT_PHU_BAI_T03_H0201'
              : undefined
          }
          error={error?.about('code')}
        />
        {creating && (
          <TextField
            label="Hoạt động từ ngày"
            type="date"
            value={draft.activeFrom}
            onValue={set('activeFrom')}
            hint="Để trống: từ hôm nay"
            error={error?.about('activeFrom')}
          />
        )}
        {editable === 'family' ? (
          <>
            <TextField
              label="Họ tên chủ hộ"
              value={draft.headName}
              onValue={set('headName')}
              required
              error={error?.about('headName')}
            />
            <SelectField
              label="Thôn, tổ dân phố"
              value={draft.hamletCode}
              onValue={set('hamletCode')}
              options={[
                { value: '', label: '— chọn —' },
                ...(hamlets.data ?? []).map((hamlet) => ({
                  value: hamlet.code,
                  label: hamlet.name,
                })),
              ]}
              error={error?.about('hamletCode')}
            />
            <SelectField
              label="Dòng họ"
              value={draft.clanCode}
              onValue={set('clanCode')}
              options={[
                { value: '', label: '— không —' },
                ...(clans.data?.items ?? []).map((clan) => ({
                  value: clan.code,
                  label: clan.name,
                })),
              ]}
              error={error?.about('clanCode')}
            />
            <TextField
              label="Số nhân khẩu"
              inputMode="numeric"
              value={draft.members}
              onValue={set('members')}
              required
              error={error?.about('members')}
            />
            <TextField
              label="Địa chỉ"
              value={draft.address}
              onValue={set('address')}
              error={error?.about('address')}
            />
          </>
        ) : (
          <>
            <TextField
              label={editable === 'clan' ? 'Tên dòng họ' : 'Tên đơn vị'}
              value={draft.name}
              onValue={set('name')}
              required
              error={error?.about('name')}
            />
            <TextField
              label={editable === 'clan' ? 'Trưởng họ' : 'Thủ trưởng đơn vị'}
              value={draft.headName}
              onValue={set('headName')}
              error={error?.about('headName')}
            />
            {editable === 'unit' && (
              <SelectField
                label="Loại đơn vị"
                value={draft.category}
                onValue={set('category')}
                options={UNIT_CATEGORIES.map((category) => ({
                  value: category,
                  label: UNIT_CATEGORY_LABELS[category],
                }))}
                error={error?.about('category')}
              />
            )}
          </>
        )}
        <div class="actions-row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Đang lưu…' : 'Lưu'}
          </button>
          <a class="button" href={back}>
            Quay lại
          </a>
        </div>
      </form>
    </div>
  );
}
