import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { MODEL_KINDS, type ModelKind } from '@app/domain';
import { api, withQuery } from '../api';
import { Problems } from '../components/problems';
import { Loading, Notice, SelectField, Tabs, TextField } from '../components/ui';
import { formatPoints, KIND_ORDER, KIND_SHORT, MODEL_KIND_LABELS } from '../format';
import { fieldBinder, useSubmit } from '../forms';
import { useLoad } from '../hooks';
import { Users } from './admin-users';
import type { CriteriaSetView, TargetPlanView } from '../types';

type Section = 'users' | 'targets' | 'criteria';

function Targets() {
  const plans = useLoad(() => api.get<TargetPlanView[]>('/targets'), []);
  const [head, setHead] = useState({ code: '', name: '', scopeAreaCode: '', milestoneYear: '' });
  const [values, setValues] = useState<Record<ModelKind, { floor: string; stretch: string }>>(
    () =>
      Object.fromEntries(MODEL_KINDS.map((kind) => [kind, { floor: '', stretch: '' }])) as Record<
        ModelKind,
        { floor: string; stretch: string }
      >,
  );
  const form = useSubmit(plans.reload);
  const bind = fieldBinder(head, setHead, form.error);
  const number = (text: string) => Number(text.replace(',', '.'));
  const body = () => ({
    code: head.code.trim(),
    name: head.name.trim(),
    scopeAreaCode: head.scopeAreaCode.trim() || undefined,
    milestoneYear: Number(head.milestoneYear),
    values: KIND_ORDER.filter((kind) => values[kind].floor.trim() !== '').map((kind) => ({
      variant: 'standard',
      kind,
      floor: number(values[kind].floor),
      stretch: values[kind].stretch.trim() === '' ? null : number(values[kind].stretch),
    })),
  });
  return (
    <>
      <section class="panel">
        <h2>Kế hoạch chỉ tiêu</h2>
        {plans.error && <Notice kind="error">{plans.error.message}</Notice>}
        {!plans.data ? (
          <Loading what="chỉ tiêu" />
        ) : (
          <div class="table-wrap">
            <table class="data" data-testid="plans">
              <thead>
                <tr>
                  <th scope="col">Kế hoạch</th>
                  <th scope="col">Phạm vi</th>
                  <th scope="col">Đến năm</th>
                  {KIND_ORDER.map((kind) => (
                    <th scope="col" key={kind}>
                      {KIND_SHORT[kind]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {plans.data.map((plan) => (
                  <tr key={plan.code}>
                    <th scope="row">
                      {plan.name}
                      <small>{plan.code}</small>
                    </th>
                    <td>{plan.scopeAreaCode ?? 'toàn quốc'}</td>
                    <td>{plan.milestoneYear}</td>
                    {KIND_ORDER.map((kind) => (
                      <td key={kind}>
                        {plan.values
                          .filter((value) => value.kind === kind)
                          .map((value) => (
                            <div key={value.variant}>
                              {value.variant === 'difficult' ? 'khó khăn: ' : ''}
                              {formatPoints(value.floor)}
                              {value.stretch === null ? '' : `–${formatPoints(value.stretch)}`}%
                            </div>
                          ))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <form
        class="card"
        aria-label="Thêm hoặc thay kế hoạch chỉ tiêu"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(() => api.put('/targets', body()), `Đã lưu kế hoạch ${head.code}.`);
        }}
      >
        <h2>Thêm hoặc thay kế hoạch chỉ tiêu</h2>
        <Problems error={form.error} />
        {form.saved && <Notice kind="success">{form.saved}</Notice>}
        <div class="grid">
          <TextField label="Mã kế hoạch" {...bind('code')} required />
          <TextField label="Tên kế hoạch" {...bind('name')} required />
          <TextField
            label="Mã địa bàn áp dụng"
            {...bind('scopeAreaCode')}
            hint="Để trống: áp dụng toàn quốc"
          />
          <TextField label="Đến năm" inputMode="numeric" {...bind('milestoneYear')} required />
        </div>
        <div class="grid">
          {KIND_ORDER.map((kind) => (
            <fieldset key={kind}>
              <legend>{MODEL_KIND_LABELS[kind]}</legend>
              <TextField
                label="Chỉ tiêu tối thiểu (%)"
                inputMode="decimal"
                value={values[kind].floor}
                onValue={(floor) => setValues({ ...values, [kind]: { ...values[kind], floor } })}
              />
              <TextField
                label="Mức phấn đấu (%)"
                inputMode="decimal"
                value={values[kind].stretch}
                onValue={(stretch) =>
                  setValues({ ...values, [kind]: { ...values[kind], stretch } })
                }
              />
            </fieldset>
          ))}
        </div>
        <button type="submit" class="primary" disabled={form.busy}>
          Lưu kế hoạch
        </button>
      </form>
    </>
  );
}

interface CriterionDraft {
  code: string;
  title: string;
  maxPoints: string;
  minPoints: string;
}

function CriteriaSets() {
  const sets = useLoad(() => api.get<CriteriaSetView[]>('/criteria-sets'), []);
  const [head, setHead] = useState({
    code: '',
    name: '',
    kind: 'family' as ModelKind,
    fromYear: '',
    toYear: '',
    passThreshold: '',
    scopeAreaCode: '',
    minShare: '',
  });
  const [criteria, setCriteria] = useState<CriterionDraft[]>([
    { code: '1', title: '', maxPoints: '', minPoints: '' },
  ]);
  const form = useSubmit(sets.reload);
  const bind = fieldBinder(head, setHead, form.error);
  const number = (text: string) => Number(text.replace(',', '.'));
  const hasMembers = head.kind === 'clan' || head.kind === 'community';
  const body = () => ({
    code: head.code.trim(),
    name: head.name.trim(),
    kind: head.kind,
    fromYear: Number(head.fromYear),
    toYear: head.toYear.trim() === '' ? null : Number(head.toYear),
    passThreshold: number(head.passThreshold),
    scopeAreaCode: head.scopeAreaCode.trim() || undefined,
    criteria: criteria.map((criterion) => ({
      code: criterion.code.trim(),
      title: criterion.title.trim(),
      maxPoints: number(criterion.maxPoints),
      minPoints: criterion.minPoints.trim() === '' ? null : number(criterion.minPoints),
    })),
    dependencyRules:
      hasMembers && head.minShare.trim() !== ''
        ? [{ type: 'member_families_recognised', minShare: number(head.minShare) }]
        : [],
  });
  const setCriterion = (index: number, field: keyof CriterionDraft) => (value: string) =>
    setCriteria((current) =>
      current.map((criterion, at) => (at === index ? { ...criterion, [field]: value } : criterion)),
    );
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
      <form
        class="card"
        aria-label="Thêm bộ tiêu chí"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(() => api.post('/criteria-sets', body()), `Đã thêm bộ ${head.code}.`);
        }}
      >
        <h2>Thêm bộ tiêu chí</h2>
        <Problems error={form.error} />
        {form.saved && <Notice kind="success">{form.saved}</Notice>}
        <div class="grid">
          <TextField label="Mã bộ" {...bind('code')} required />
          <TextField label="Tên bộ" {...bind('name')} required />
          <SelectField
            label="Loại mô hình"
            value={head.kind}
            onValue={(kind) => setHead({ ...head, kind: kind as ModelKind })}
            options={KIND_ORDER.map((kind) => ({ value: kind, label: MODEL_KIND_LABELS[kind] }))}
          />
          <TextField label="Áp dụng từ năm" inputMode="numeric" {...bind('fromYear')} required />
          <TextField
            label="Đến năm"
            inputMode="numeric"
            {...bind('toYear')}
            hint="Để trống: còn hiệu lực"
          />
          <TextField
            label="Ngưỡng đạt (điểm)"
            inputMode="decimal"
            {...bind('passThreshold')}
            required
          />
          <TextField
            label="Mã địa bàn áp dụng"
            {...bind('scopeAreaCode')}
            hint="Để trống: toàn quốc"
          />
          {hasMembers && (
            <TextField
              label="Tỷ lệ hộ thành viên là gia đình học tập tối thiểu (%)"
              inputMode="decimal"
              {...bind('minShare')}
            />
          )}
        </div>
        {criteria.map((criterion, index) => (
          <fieldset key={index} class="grid">
            <legend>Tiêu chí {index + 1}</legend>
            <TextField
              label="Mã"
              value={criterion.code}
              onValue={setCriterion(index, 'code')}
              required
            />
            <TextField
              label="Nội dung"
              value={criterion.title}
              onValue={setCriterion(index, 'title')}
              required
            />
            <TextField
              label="Điểm tối đa"
              inputMode="decimal"
              value={criterion.maxPoints}
              onValue={setCriterion(index, 'maxPoints')}
              required
            />
            <TextField
              label="Điểm tối thiểu"
              inputMode="decimal"
              value={criterion.minPoints}
              onValue={setCriterion(index, 'minPoints')}
            />
            {criteria.length > 1 && (
              <button
                type="button"
                onClick={() => setCriteria((current) => current.filter((_, at) => at !== index))}
              >
                Bỏ tiêu chí {index + 1}
              </button>
            )}
          </fieldset>
        ))}
        <div class="actions-row">
          <button
            type="button"
            onClick={() =>
              setCriteria((current) => [
                ...current,
                { code: String(current.length + 1), title: '', maxPoints: '', minPoints: '' },
              ])
            }
          >
            + Thêm tiêu chí
          </button>
          <button type="submit" class="primary" disabled={form.busy}>
            Lưu bộ tiêu chí
          </button>
        </div>
      </form>
    </>
  );
}

const SECTIONS: { value: Section; label: string }[] = [
  { value: 'users', label: 'Tài khoản' },
  { value: 'targets', label: 'Chỉ tiêu' },
  { value: 'criteria', label: 'Bộ tiêu chí' },
];

export function Admin() {
  const { query, route } = useLocation();
  const section: Section =
    query.section === 'targets' || query.section === 'criteria' ? query.section : 'users';
  return (
    <div class="page">
      <h1>Quản trị</h1>
      <Tabs
        label="Mục quản trị"
        tabs={SECTIONS}
        value={section}
        onValue={(value) => route(withQuery('/quan-tri', { section: value }), true)}
      />
      {section === 'users' ? <Users /> : section === 'targets' ? <Targets /> : <CriteriaSets />}
    </div>
  );
}
