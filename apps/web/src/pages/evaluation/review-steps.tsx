import { useState } from 'preact/hooks';
import type { EvaluationStatus } from '@app/domain';
import { api, type ApiError } from '../../api';
import { can } from '../../auth';
import { TextField } from '../../components/ui';
import type { SessionUser } from '../../session';
import type { EvaluationView } from '../../types';

const today = () => new Date().toISOString().slice(0, 10);

interface ReviewStepsProps {
  status: EvaluationStatus | null;
  user: SessionUser;
  yearLocked: boolean;
  path: string;
  busy: boolean;
  error: ApiError | null;
  run: (action: () => Promise<EvaluationView>, message: string) => Promise<void>;
}

/**
 * What follows a submission: approving or returning it, recording the recognition decision,
 * reopening. Returning and reopening share the comment typed, kept while the steps offered change.
 */
export function ReviewSteps({
  status,
  user,
  yearLocked,
  path,
  busy,
  error,
  run,
}: ReviewStepsProps) {
  const [comment, setComment] = useState('');
  const [decisionNumber, setDecisionNumber] = useState('');
  const [decisionDate, setDecisionDate] = useState(today());
  return (
    <>
      {status === 'submitted' && can.review(user) && !yearLocked && (
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

      {status === 'approved' && can.enter(user) && !yearLocked && (
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

      {(status === 'approved' || status === 'recognised') && can.review(user) && !yearLocked && (
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
    </>
  );
}
