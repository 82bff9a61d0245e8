import type { KindProgress, ModelKind } from '@app/domain';
import {
  bandClass,
  formatCount,
  formatPercent,
  MODEL_KIND_LABELS,
  targetText,
  verdictText,
} from '../../format';

/** One kind's recognised share in the area, against its target. */
export function KindCard({ kind, progress }: { kind: ModelKind; progress: KindProgress }) {
  return (
    <section class={`kind-card ${bandClass(progress)}`} aria-label={MODEL_KIND_LABELS[kind]}>
      <h3>{MODEL_KIND_LABELS[kind]}</h3>
      <p class="big" data-testid={`percent-${kind}`}>
        {formatPercent(progress.percentOfTotal)}
      </p>
      <p>
        <span data-testid={`recognised-${kind}`}>{formatCount(progress.recognised)}</span> /{' '}
        <span data-testid={`total-${kind}`}>{formatCount(progress.total)}</span> được công nhận
      </p>
      <p>Chỉ tiêu: {targetText(progress)}</p>
      <p class="verdict" data-testid={`verdict-${kind}`}>
        {verdictText(progress)}
      </p>
    </section>
  );
}
