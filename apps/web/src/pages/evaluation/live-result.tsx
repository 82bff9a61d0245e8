import type { ScoreResult } from '@app/domain';
import { formatPoints } from '../../format';

/** The total and verdict as the scores are typed, before anything is saved. */
export function LiveResult({ live, passThreshold }: { live: ScoreResult; passThreshold: number }) {
  return (
    <aside class={`card result ${live.passed ? 'result-pass' : 'result-fail'}`} aria-live="polite">
      <h2>Kết quả</h2>
      <p class="big" data-testid="live-total">
        {formatPoints(live.total)} / {formatPoints(live.maxTotal)} điểm
      </p>
      <p>Ngưỡng đạt: {formatPoints(passThreshold)} điểm</p>
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
  );
}
