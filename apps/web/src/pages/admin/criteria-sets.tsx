import { api } from '../../api';
import { Loading, Notice } from '../../components/ui';
import { formatPoints, KIND_SHORT } from '../../format';
import { useLoad } from '../../hooks';
import type { CriteriaSetView } from '../../types';
import { CriteriaSetForm } from './criteria-set-form';

export function CriteriaSets() {
  const sets = useLoad(() => api.get<CriteriaSetView[]>('/criteria-sets'), []);
  return (
    <>
      <section class="panel">
        <h2>Bộ tiêu chí</h2>
        {sets.error && <Notice kind="error">{sets.error.message}</Notice>}
        {!sets.data ? (
          <Loading what="bộ tiêu chí" />
        ) : (
          <ul class="plain" data-testid="criteria-sets">
            {sets.data.map((set) => (
              <li key={set.code}>
                <details>
                  <summary>
                    <strong>{set.name}</strong> · {KIND_SHORT[set.kind]} · {set.fromYear}–
                    {set.toYear ?? 'nay'} · {set.scopeAreaCode ?? 'toàn quốc'}
                  </summary>
                  <p>
                    Mã {set.code}. Ngưỡng đạt {formatPoints(set.rules.passThreshold)} điểm.
                    {set.sourceNote ? ` ${set.sourceNote}` : ''}
                  </p>
                  <ol>
                    {set.rules.criteria.map((criterion) => (
                      <li key={criterion.code}>
                        {criterion.title}: tối đa {formatPoints(criterion.maxPoints)}
                        {criterion.minPoints === null
                          ? ''
                          : `, tối thiểu ${formatPoints(criterion.minPoints)}`}
                      </li>
                    ))}
                  </ol>
                  {set.rules.dependencyRules.map((rule) => (
                    <p key={rule.type}>
                      Cần ít nhất {formatPoints(rule.minShare)}% hộ thành viên là gia đình học tập.
                    </p>
                  ))}
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
      <CriteriaSetForm onSaved={sets.reload} />
    </>
  );
}
