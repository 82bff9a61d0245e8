import {
  formatNumberVi,
  TRAINEE_GROUP_LABELS,
  TRAINEE_GROUPS,
  type TrainingProgress,
} from '@app/domain';
import type { TrainingProgressView } from '@app/contracts';
import { api, withQuery } from '../api';
import { formatCount, formatPercent } from '../format';
import { useLoad } from '../hooks';
import { Notice } from './ui';

function trainingVerdict(progress: TrainingProgress): string {
  if (progress.met === null) return progress.target ? 'Chưa có người trong danh sách' : '—';
  return progress.met ? 'Đạt chỉ tiêu' : `Còn ${formatCount(progress.shortfall ?? 0)} người`;
}

function trainingBand(progress: TrainingProgress): string {
  return progress.met === null ? 'band-none' : progress.met ? 'band-stretch' : 'band-below';
}

/**
 * The trained share of association officials and members, hamlet and commune leaders: counted
 * over the plan period, each person once, where they serve at the end of the year.
 */
export function TrainingPanel({ areaCode, year }: { areaCode: string; year: number }) {
  const training = useLoad(
    () => api.get<TrainingProgressView>('/progress/training', { area: areaCode, year }),
    [areaCode, year],
  );
  if (training.error) return <Notice kind="error">{training.error.message}</Notice>;
  const view = training.data;
  if (!view) return null;
  const groups = TRAINEE_GROUPS.filter((group) => view.total[group].total > 0);
  return (
    <section class="panel" aria-labelledby="training-heading" data-testid="training-panel">
      <h2 id="training-heading">
        Tập huấn cán bộ, hội viên (từ {view.periodFrom} đến {year})
      </h2>
      <p>
        <a href={withQuery('/tap-huan', { area: areaCode, year })}>
          Các lớp tập huấn và danh sách người cần tập huấn
        </a>
      </p>
      {groups.length === 0 ? (
        <p>Chưa ghi nhận người cần tập huấn ở địa bàn này.</p>
      ) : (
        <>
          <div class="cards">
            {groups.map((group) => {
              const progress = view.total[group];
              return (
                <section
                  key={group}
                  class={`kind-card ${trainingBand(progress)}`}
                  aria-label={TRAINEE_GROUP_LABELS[group]}
                >
                  <h3>{TRAINEE_GROUP_LABELS[group]}</h3>
                  <p class="big" data-testid={`trained-${group}`}>
                    {formatPercent(progress.percentInPeriod)}
                  </p>
                  <p>
                    {formatCount(progress.trainedInPeriod)} / {formatCount(progress.total)} người đã
                    tập huấn, {formatCount(progress.trainedInYear)} trong năm {year}
                    {progress.partialOnly > 0 &&
                      `; ${formatCount(progress.partialOnly)} người mới dự một phần`}
                  </p>
                  <p>
                    Chỉ tiêu:{' '}
                    {progress.target
                      ? `${formatNumberVi(progress.target.floor)}% (đến ${progress.target.milestoneYear})`
                      : 'chưa có chỉ tiêu'}
                  </p>
                  <p class="verdict">{trainingVerdict(progress)}</p>
                </section>
              );
            })}
          </div>
          {view.rows.length > 1 && (
            <div class="table-wrap">
              <table class="data" data-testid="training-table">
                <caption class="visually-hidden">
                  Tỷ lệ đã tập huấn theo xã, phường, năm {year}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Xã, phường</th>
                    {groups.map((group) => (
                      <th scope="col" key={group}>
                        {TRAINEE_GROUP_LABELS[group]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {view.rows.map((row) => (
                    <tr key={row.area.code} data-code={row.area.code}>
                      <th scope="row">{row.area.name}</th>
                      {groups.map((group) => {
                        const progress = row.groups[group];
                        return (
                          <td key={group} class={trainingBand(progress)}>
                            <strong>{formatPercent(progress.percentInPeriod)}</strong>
                            <small>
                              {formatCount(progress.trainedInPeriod)}/{formatCount(progress.total)}{' '}
                              · {trainingVerdict(progress)}
                            </small>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
