import { formatCount, KIND_SHORT } from '../../format';
import type { CompletenessView } from '../../types';

/** The registered subjects still in draft: what the communes have yet to send. */
export function NotSubmittedPanel({
  completeness,
  year,
}: {
  completeness: CompletenessView;
  year: number;
}) {
  return (
    <section class="panel">
      <h2>Đã đăng ký nhưng chưa gửi duyệt ({formatCount(completeness.notSubmittedTotal)})</h2>
      {completeness.notSubmittedTotal > completeness.notSubmitted.length && (
        <p class="muted">
          Hiển thị {formatCount(completeness.notSubmitted.length)} hồ sơ đầu tiên.
        </p>
      )}
      {completeness.notSubmitted.length === 0 ? (
        <p class="muted">Mọi hồ sơ đã đăng ký đều đã được gửi.</p>
      ) : (
        <details>
          <summary>Xem danh sách</summary>
          <ul class="columns">
            {completeness.notSubmitted.map((row) => (
              <li key={`${row.kind}-${row.code}`}>
                <a href={`/danh-gia/${row.kind}/${row.code}/${year}`}>
                  {KIND_SHORT[row.kind]}: {row.name} ({row.code})
                </a>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
