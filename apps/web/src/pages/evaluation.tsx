import { useEffect, useMemo, useState } from 'preact/hooks';
import { isModelKind, scoreEvaluation, validateScores, type ScoreSheet } from '@app/domain';
import { api, ApiError } from '../api';
import { can, useAuth } from '../auth';
import { Loading, Notice, StatusBadge, TextField } from '../components/ui';
import { formatDate, formatPoints, MODEL_KIND_LABELS } from '../format';
import { useLoad } from '../hooks';
import type { EvaluationForm, EvaluationView } from '../types';

/** Points as typed: "27,5" and "27.5" are the same; an empty box is a criterion not yet scored. */
function parsePoints(text: string): number | null | 'invalid' {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : 'invalid';
}

function textsOf(scores: ScoreSheet): Record<string, string> {
  return Object.fromEntries(
    Object.entries(scores).map(([code, points]) => [code, String(points).replace('.', ',')]),
  );
}

const today = () => new Date().toISOString().slice(0, 10);

export function EvaluationPage({ kind, code, year }: { kind: string; code: string; year: string }) {
  const { user } = useAuth();
  const form = useLoad(
    () =>
      isModelKind(kind)
        ? api.get<EvaluationForm>(`/evaluations/${kind}/${code}/${year}/form`)
        : Promise.reject(new ApiError(404, 'NOT_FOUND', 'Không có loại mô hình này')),
    [kind, code, year],
  );
  const [evaluation, setEvaluation] = useState<EvaluationView | null>(null);
  const [registered, setRegistered] = useState(true);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState('');
  const [decisionNumber, setDecisionNumber] = useState('');
  const [decisionDate, setDecisionDate] = useState(today());

  const show = (view: EvaluationView | null) => {
    setEvaluation(view);
    setRegistered(view?.registered ?? true);
    setTexts(view ? textsOf(view.scores) : {});
    setDirty(false);
  };
  useEffect(() => {
    if (form.data) show(form.data.evaluation);
  }, [form.data]);

  const data = form.data;
  const rules = data?.criteriaSet.rules;
  const parsed = useMemo(() => {
    const scores: ScoreSheet = {};
    const local: Record<string, string> = {};
    for (const [criterion, text] of Object.entries(texts)) {
      const value = parsePoints(text);
      if (value === 'invalid')
        local[`scores.${criterion}`] = `Tiêu chí ${criterion}: điểm phải là một số`;
      else if (value !== null) scores[criterion] = value;
    }
    if (rules) {
      for (const problem of validateScores(rules, scores)) local[problem.field] ??= problem.message;
    }
    return { scores, local };
  }, [texts, rules]);
  const live = useMemo(
    () =>
      rules && data
        ? scoreEvaluation(rules, { registered, scores: parsed.scores }, data.dependencies)
        : null,
    [rules, data, registered, parsed.scores],
  );

  if (form.error) return <Notice kind="error">{form.error.message}</Notice>;
  if (!data || !rules || !live || !user) return <Loading what="phiếu đánh giá" />;

  const status = evaluation?.status ?? null;
  const editable =
    can.enter(user) &&
    !data.yearLocked &&
    data.subject.activeInYear &&
    (status === null || status === 'draft' || status === 'submitted');
  const hasLocalProblems = Object.keys(parsed.local).length > 0;
  const path = `/evaluations/${kind}/${code}/${year}`;

  const run = async (action: () => Promise<EvaluationView>, message: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      show(await action());
      setDone(message);
    } catch (failure) {
      const apiError = failure instanceof ApiError ? failure : null;
      setError(apiError);
      // Someone else changed it meanwhile: show theirs rather than overwrite it.
      if (apiError?.status === 409) form.reload();
    } finally {
      setBusy(false);
    }
  };
  const saveDraft = () =>
    api.put<EvaluationView>(path, {
      registered,
      scores: parsed.scores,
      ...(evaluation ? { version: evaluation.version } : {}),
    });
  const field = (name: string) => parsed.local[name] ?? error?.about(name);

  return (
    <div class="page">
      <p>
        <button type="button" class="link" onClick={() => history.back()}>
          ‹ Quay lại
        </button>
      </p>
      <div class="page-head">
        <h1>
          {MODEL_KIND_LABELS[data.kind]} năm {data.year}: {data.subject.name}
        </h1>
        <p>
          Mã {data.subject.code} · Bộ tiêu chí: {data.criteriaSet.name} ·{' '}
          <StatusBadge status={status ?? 'none'} />
        </p>
      </div>
      {data.yearLocked && <Notice kind="info">Năm {data.year} đã khóa sổ: chỉ xem.</Notice>}
      {!data.subject.activeInYear && (
        <Notice kind="info">Đối tượng không còn hoạt động trong năm {data.year}.</Notice>
      )}
      {evaluation?.reviewComment && (
        <Notice kind="info">Hội Khuyến học trả lại: {evaluation.reviewComment}</Notice>
      )}
      {evaluation?.decision && (
        <Notice kind="success">
          Đã công nhận theo quyết định số {evaluation.decision.number} ngày{' '}
          {formatDate(evaluation.decision.date)}.
        </Notice>
      )}
      {error && <Notice kind="error">{error.message}</Notice>}
      {done && <Notice kind="success">{done}</Notice>}

      <div class="evaluation">
        <form
          class="card criteria"
          aria-label="Chấm điểm"
          onSubmit={(event) => {
            event.preventDefault();
            void run(saveDraft, 'Đã lưu bản nháp.');
          }}
        >
          <div class="field checkbox">
            <input
              id="registered"
              type="checkbox"
              checked={registered}
              disabled={!editable}
              onChange={(event) => {
                setRegistered(event.currentTarget.checked);
                setDirty(true);
              }}
            />
            <label for="registered">Đã đăng ký xây dựng mô hình năm {data.year}</label>
            {field('registered') && <small class="error-text">{field('registered')}</small>}
          </div>
          {rules.criteria.map((criterion) => (
            <div class="criterion" key={criterion.code}>
              <TextField
                label={`Tiêu chí ${criterion.code}. ${criterion.title}`}
                name={`scores.${criterion.code}`}
                inputMode="decimal"
                autoComplete="off"
                value={texts[criterion.code] ?? ''}
                disabled={!editable}
                onValue={(value) => {
                  setTexts((current) => ({ ...current, [criterion.code]: value }));
                  setDirty(true);
                }}
                hint={`Tối đa ${formatPoints(criterion.maxPoints)} điểm${
                  criterion.minPoints === null
                    ? ''
                    : `, tối thiểu ${formatPoints(criterion.minPoints)} điểm`
                }`}
                error={field(`scores.${criterion.code}`)}
              />
              {criterion.indicators && criterion.indicators.length > 0 && (
                <details>
                  <summary>Các chỉ số của tiêu chí {criterion.code}</summary>
                  <ul>
                    {criterion.indicators.map((indicator) => (
                      <li key={indicator.code}>
                        {indicator.code}. {indicator.title}
                        {indicator.maxPoints !== null &&
                          ` (tối đa ${formatPoints(indicator.maxPoints)})`}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </div>
          ))}
          {editable && (
            <div class="actions-row">
              <button type="submit" disabled={busy || hasLocalProblems}>
                Lưu nháp
              </button>
              <button
                type="button"
                class="primary"
                disabled={busy || hasLocalProblems}
                onClick={() =>
                  void run(async () => {
                    if (dirty || !evaluation || status !== 'draft') await saveDraft();
                    return api.post<EvaluationView>(`${path}/submit`);
                  }, 'Đã gửi Hội Khuyến học duyệt.')
                }
              >
                Lưu và gửi duyệt
              </button>
            </div>
          )}
        </form>

        <aside
          class={`card result ${live.passed ? 'result-pass' : 'result-fail'}`}
          aria-live="polite"
        >
          <h2>Kết quả</h2>
          <p class="big" data-testid="live-total">
            {formatPoints(live.total)} / {formatPoints(live.maxTotal)} điểm
          </p>
          <p>Ngưỡng đạt: {formatPoints(rules.passThreshold)} điểm</p>
          <p class="verdict" data-testid="live-verdict">
            {live.passed ? 'Đạt' : 'Chưa đạt'}
          </p>
          {live.reasons.length > 0 && (
            <ul data-testid="live-reasons">
              {live.reasons.map((reason, index) => (
                <li key={index}>{reason.message}</li>
              ))}
            </ul>
          )}
        </aside>
      </div>

      {status === 'submitted' && can.review(user) && !data.yearLocked && (
        <section class="card">
          <h2>Duyệt hồ sơ</h2>
          <div class="actions-row">
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() => void run(() => api.post(`${path}/approve`), 'Đã duyệt.')}
            >
              Duyệt
            </button>
          </div>
          <TextField
            label="Nhận xét khi trả lại"
            value={comment}
            onValue={setComment}
            error={error?.about('comment')}
          />
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(() => api.post(`${path}/return`, { comment }), 'Đã trả lại cho xã.')
            }
          >
            Trả lại
          </button>
        </section>
      )}

      {status === 'approved' && can.enter(user) && !data.yearLocked && (
        <form
          class="card"
          aria-label="Quyết định công nhận"
          onSubmit={(event) => {
            event.preventDefault();
            void run(
              () => api.post(`${path}/recognition`, { decisionNumber, decisionDate }),
              'Đã ghi quyết định công nhận.',
            );
          }}
        >
          <h2>Quyết định công nhận</h2>
          <TextField
            label="Số quyết định"
            value={decisionNumber}
            onValue={setDecisionNumber}
            placeholder="17/QĐ-UBND"
            required
            error={error?.about('decisionNumber')}
          />
          <TextField
            label="Ngày ký"
            type="date"
            value={decisionDate}
            onValue={setDecisionDate}
            required
            error={error?.about('decisionDate')}
          />
          <button type="submit" class="primary" disabled={busy}>
            Ghi quyết định
          </button>
        </form>
      )}

      {(status === 'approved' || status === 'recognised') &&
        can.review(user) &&
        !data.yearLocked && (
          <section class="card">
            <h2>Mở lại hồ sơ</h2>
            <TextField
              label="Lý do mở lại"
              value={comment}
              onValue={setComment}
              error={error?.about('reason')}
            />
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run(() => api.post(`${path}/reopen`, { reason: comment }), 'Đã mở lại hồ sơ.')
              }
            >
              Mở lại
            </button>
          </section>
        )}
    </div>
  );
}
