import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { isModelKind } from '@app/domain';
import { api, ApiError, withQuery } from '../../api';
import { Loading, Notice, TextField } from '../../components/ui';
import { useLoad } from '../../hooks';
import type { AreaBrief, Page } from '../../types';
import {
  bodyOf,
  EMPTY_DRAFT,
  fromRecord,
  type Draft,
  type EditableKind,
  type SubjectRecord,
} from './draft';
import { FamilyFields } from './family-fields';
import { NamedSubjectFields } from './named-subject-fields';

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

export function SubjectEditor({ kind, code }: { kind: string; code: string }) {
  const { query, route } = useLocation();
  const creating = code === 'moi';
  const editable: EditableKind | null = isModelKind(kind) && kind !== 'community' ? kind : null;
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
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
          <FamilyFields
            draft={draft}
            setField={set}
            error={error}
            hamlets={hamlets.data ?? []}
            clans={clans.data?.items ?? []}
          />
        ) : (
          <NamedSubjectFields kind={editable} draft={draft} setField={set} error={error} />
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
