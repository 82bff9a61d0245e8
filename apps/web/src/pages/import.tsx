import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { ImportReport } from '@app/contracts';
import { isModelKind, type ImportKind, type ModelKind } from '@app/domain';
import { api, ApiError, download, withQuery } from '../api';
import { Notice, SelectField, TextField } from '../components/ui';
import { formatCount, KIND_ORDER, MODEL_KIND_LABELS } from '../format';

const WHAT_LABELS: Record<ImportKind, string> = {
  households: 'Danh sách hộ gia đình',
  clans: 'Danh sách dòng họ',
  units: 'Danh sách đơn vị',
  trainees: 'Cán bộ, hội viên cần tập huấn',
  evaluations: 'Kết quả đánh giá',
};

function Counts({ report }: { report: ImportReport }) {
  return (
    <p data-testid="import-counts">
      {formatCount(report.rows)} dòng: {formatCount(report.created)} thêm mới,{' '}
      {formatCount(report.updated)} cập nhật, {formatCount(report.unchanged)} không đổi
      {report.problemCount > 0 && `, ${formatCount(report.problemCount)} lỗi`}.
    </p>
  );
}

/** Bringing in a filled template: download it, check the file, then apply it all at once. */
export function ImportPage() {
  const { query } = useLocation();
  const commune = query.commune ?? '';
  const [what, setWhat] = useState<ImportKind>('households');
  const [kind, setKind] = useState<ModelKind>(isModelKind(query.kind) ? query.kind : 'family');
  const [year, setYear] = useState(query.year ?? String(new Date().getFullYear()));
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [applied, setApplied] = useState<ImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const target = () => ({
    commune,
    ...(what === 'evaluations' ? { kind, year } : {}),
  });
  const reset = () => {
    setChecked(null);
    setApplied(null);
    setError(null);
  };
  const act = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'CLIENT', String(failure)));
    } finally {
      setBusy(false);
    }
  };
  const send = (dryRun: boolean) =>
    api.upload<ImportReport>(`/imports/${what}`, { ...target(), dryRun }, 'file', file as File);

  return (
    <div class="page narrow">
      <h1>Nhập từ Excel</h1>
      <p>
        <a href={withQuery(`/xa/${commune}`, {})}>‹ Hồ sơ của xã</a>
      </p>
      <section class="card">
        <h2>1. Tải mẫu và điền</h2>
        <SelectField
          label="Nội dung"
          value={what}
          onValue={(value) => {
            setWhat(value as ImportKind);
            reset();
          }}
          options={(Object.keys(WHAT_LABELS) as ImportKind[]).map((value) => ({
            value,
            label: WHAT_LABELS[value],
          }))}
        />
        {what === 'evaluations' && (
          <div class="grid">
            <SelectField
              label="Loại mô hình"
              value={kind}
              onValue={(value) => {
                setKind(value as ModelKind);
                reset();
              }}
              options={KIND_ORDER.map((value) => ({ value, label: MODEL_KIND_LABELS[value] }))}
            />
            <TextField
              label="Năm đánh giá"
              inputMode="numeric"
              value={year}
              onValue={(value) => {
                setYear(value);
                reset();
              }}
              error={error?.about('year')}
            />
          </div>
        )}
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              await download(`/imports/templates/${what}.xlsx`, target(), `mau-nhap-${what}.xlsx`);
            })
          }
        >
          Tải mẫu Excel
        </button>
      </section>

      <section class="card">
        <h2>2. Kiểm tra tệp đã điền</h2>
        <div class="field">
          <label for="import-file">Tệp Excel đã điền (.xlsx, tối đa 20 MB)</label>
          <input
            id="import-file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              reset();
            }}
          />
        </div>
        <button
          type="button"
          class="primary"
          disabled={busy || !file}
          onClick={() => void act(async () => setChecked(await send(true)))}
        >
          {busy ? 'Đang kiểm tra…' : 'Kiểm tra (chưa ghi gì)'}
        </button>
        {error && <Notice kind="error">{error.message}</Notice>}
        {checked && (
          <div data-testid="import-check">
            <Counts report={checked} />
            {checked.valid ? (
              <Notice kind="success">Tệp hợp lệ: có thể nhập.</Notice>
            ) : (
              <>
                <Notice kind="error">
                  Tệp có {formatCount(checked.problemCount)} lỗi; sửa trong Excel rồi kiểm tra lại.
                  Khi còn lỗi, không dòng nào được nhập.
                </Notice>
                <div class="table-wrap">
                  <table class="data" data-testid="import-problems">
                    <thead>
                      <tr>
                        <th scope="col" class="num">
                          Dòng
                        </th>
                        <th scope="col">Cột</th>
                        <th scope="col">Giá trị</th>
                        <th scope="col">Lỗi</th>
                      </tr>
                    </thead>
                    <tbody>
                      {checked.problems.map((problem, index) => (
                        <tr key={index}>
                          <td class="num">{problem.row}</td>
                          <td>{problem.column}</td>
                          <td>{problem.value}</td>
                          <td>{problem.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </div>
        )}
      </section>

      {checked?.valid && (
        <section class="card">
          <h2>3. Nhập</h2>
          <button
            type="button"
            class="primary"
            disabled={busy || applied !== null}
            onClick={() => void act(async () => setApplied(await send(false)))}
          >
            Nhập {formatCount(checked.created + checked.updated)} thay đổi
          </button>
          {applied && (
            <Notice kind="success">
              Đã nhập (lần nhập số {applied.importId}): {formatCount(applied.created)} thêm mới,{' '}
              {formatCount(applied.updated)} cập nhật, {formatCount(applied.unchanged)} không đổi.
            </Notice>
          )}
        </section>
      )}
    </div>
  );
}
