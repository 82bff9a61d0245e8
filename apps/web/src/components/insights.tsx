import { useState } from 'preact/hooks';
import { formatNumberVi, type ModelKind } from '@app/domain';
import type { FocusFigures, FocusView, NearMissView } from '@app/contracts';
import { api, withQuery } from '../api';
import { formatCount, formatPercent, formatPoints, MODEL_KIND_LABELS } from '../format';
import { useLoad } from '../hooks';
import { Notice, SelectField } from './ui';

function wouldMeetText(figures: FocusFigures): { text: string; band: string } {
  if (figures.progress.met) return { text: 'Đã đạt', band: 'band-stretch' };
  if (figures.whatIf.wouldMeet === null) return { text: '—', band: 'band-none' };
  return figures.whatIf.wouldMeet
    ? { text: `Có, cần ${formatCount(figures.whatIf.nearMissesNeeded ?? 0)}`, band: 'band-floor' }
    : { text: 'Không', band: 'band-below' };
}

function paceText(figures: FocusFigures): string {
  const slope = figures.pace.trend.pointsPerYear;
  const trend =
    slope === null ? '' : `${slope > 0 ? '+' : ''}${formatNumberVi(slope, 1)} điểm %/năm. `;
  return trend + (figures.pace.verdict?.message ?? 'Chưa có chỉ tiêu');
}

/**
 * Where to act next for one kind: what holds subjects back, how close the near misses are to the
 * floor, and each row's pace to the milestone.
 */
export function FocusPanel(props: { areaCode: string; year: number; kind: ModelKind }) {
  const { areaCode, year, kind } = props;
  const focus = useLoad(
    () => api.get<FocusView>('/insights/focus', { area: areaCode, year, kind }),
    [areaCode, year, kind],
  );
  if (focus.error) return <Notice kind="error">{focus.error.message}</Notice>;
  if (!focus.data) return null;
  const { total, rows, rowLevel } = focus.data;
  const reasons = focus.data.reasons.slice(0, 5);
  return (
    <section class="panel" aria-labelledby="focus-heading" data-testid="focus-panel">
      <h2 id="focus-heading">Cần tập trung: {MODEL_KIND_LABELS[kind].toLowerCase()}</h2>
      <p data-testid="focus-what-if">
        <strong>{total.whatIf.message}.</strong> {formatCount(total.failed)} chưa đạt tiêu chí,{' '}
        {formatCount(total.nearMisses)} sát ngưỡng, {formatCount(total.whatIf.pending)} đã đạt chờ
        quyết định.
      </p>
      <p data-testid="focus-pace">{paceText(total)}</p>
      {reasons.length > 0 && (
        <>
          <h3>Lý do chưa đạt</h3>
          <ul class="reasons" data-testid="focus-reasons">
            {reasons.map((reason) => (
              <li key={`${reason.code}-${reason.ref ?? ''}`}>
                {reason.label}: <strong>{formatCount(reason.blocked)}</strong> trường hợp
                {reason.alone > 0 && `, ${formatCount(reason.alone)} chỉ vướng lý do này`}
              </li>
            ))}
          </ul>
        </>
      )}
      {rows.length > 0 && (
        <div class="table-wrap">
          <table class="data" data-testid="focus-table">
            <caption class="visually-hidden">
              Cần tập trung theo {rowLevel === 'commune' ? 'xã, phường' : 'thôn, tổ dân phố'}
            </caption>
            <thead>
              <tr>
                <th scope="col">{rowLevel === 'commune' ? 'Xã, phường' : 'Thôn, tổ dân phố'}</th>
                <th scope="col">Tỷ lệ</th>
                <th scope="col">Còn thiếu</th>
                <th scope="col">Sát ngưỡng</th>
                <th scope="col">Đủ nếu công nhận sát ngưỡng</th>
                <th scope="col">Dự báo</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const meets = wouldMeetText(row);
                return (
                  <tr key={row.area.code} data-code={row.area.code}>
                    <th scope="row">{row.area.name}</th>
                    <td>{formatPercent(row.progress.percentOfTotal)}</td>
                    <td>
                      {row.progress.shortfall === null ? '—' : formatCount(row.progress.shortfall)}
                    </td>
                    <td>{formatCount(row.nearMisses)}</td>
                    <td class={meets.band}>{meets.text}</td>
                    <td>
                      <small>{paceText(row)}</small>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const SORT_OPTIONS = [
  { value: 'pointsShort', label: 'Gần đạt nhất trước' },
  { value: 'total', label: 'Điểm cao nhất trước' },
  { value: 'name', label: 'Theo tên' },
  { value: 'hamlet', label: 'Theo thôn' },
];

/** A commune's near misses of one kind, with what each lacks: the households worth a visit. */
export function NearMissPanel(props: {
  commune: string;
  year: number;
  kind: ModelKind;
  hamlet?: string;
}) {
  const { commune, year, kind, hamlet } = props;
  const [sort, setSort] = useState('pointsShort');
  const view = useLoad(
    () =>
      api.get<NearMissView>('/insights/near-misses', { area: commune, year, kind, hamlet, sort }),
    [commune, year, kind, hamlet, sort],
  );
  if (view.error) return <Notice kind="error">{view.error.message}</Notice>;
  if (!view.data) return null;
  const { items, whatIf, margin } = view.data;
  return (
    <section class="panel" aria-labelledby="near-heading" data-testid="near-miss-panel">
      <h2 id="near-heading">
        Sát ngưỡng ({formatCount(items.length)}): chưa đạt nhưng thiếu không quá{' '}
        {formatNumberVi(margin)} điểm, hoặc chỉ vướng một tiêu chí
      </h2>
      <p data-testid="near-miss-what-if">{whatIf.message}.</p>
      {items.length > 0 && (
        <>
          <SelectField
            label="Sắp xếp"
            value={sort}
            options={SORT_OPTIONS}
            onValue={(value) => setSort(value)}
          />
          <div class="table-wrap">
            <table class="data" data-testid="near-miss-table">
              <thead>
                <tr>
                  <th scope="col">Tên</th>
                  <th scope="col">Thôn</th>
                  <th scope="col">Tổng điểm</th>
                  <th scope="col">Cần bổ sung</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.code} data-code={item.code}>
                    <th scope="row">
                      <a href={withQuery(`/danh-gia/${kind}/${item.code}/${year}`, {})}>
                        {item.name}
                      </a>
                    </th>
                    <td>{item.hamlet?.name ?? '—'}</td>
                    <td>{formatPoints(item.total)}</td>
                    <td>{item.shortfalls.map((s) => s.message).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
