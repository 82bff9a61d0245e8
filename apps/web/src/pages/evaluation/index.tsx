import { useEffect, useMemo, useState } from 'preact/hooks';
import { isModelKind, scoreEvaluation } from '@app/domain';
import { api, ApiError } from '../../api';
import { can, useAuth } from '../../auth';
import { Loading, Notice, StatusBadge } from '../../components/ui';
import { formatDate, MODEL_KIND_LABELS } from '../../format';
import { useLoad } from '../../hooks';
import type { EvaluationForm, EvaluationView } from '../../types';
import { CriterionField } from './criterion-field';
import { LiveResult } from './live-result';
import { readScores, textsOf } from './points';
import { ReviewSteps } from './review-steps';

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
  const parsed = useMemo(() => readScores(texts, rules), [texts, rules]);
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
            <CriterionField
              key={criterion.code}
              criterion={criterion}
              value={texts[criterion.code] ?? ''}
              disabled={!editable}
              onValue={(value) => {
                setTexts((current) => ({ ...current, [criterion.code]: value }));
                setDirty(true);
              }}
              error={field(`scores.${criterion.code}`)}
            />
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

        <LiveResult live={live} passThreshold={rules.passThreshold} />
      </div>

      <ReviewSteps
        status={status}
        user={user}
        yearLocked={data.yearLocked}
        path={path}
        busy={busy}
        error={error}
        run={run}
      />
    </div>
  );
}
