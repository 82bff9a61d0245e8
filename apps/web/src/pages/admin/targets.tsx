import { useState } from 'preact/hooks';
import { MODEL_KINDS, type ModelKind } from '@app/domain';
import { api } from '../../api';
import { Problems } from '../../components/problems';
import { Loading, Notice, TextField } from '../../components/ui';
import { formatPoints, KIND_ORDER, KIND_SHORT, MODEL_KIND_LABELS } from '../../format';
import { fieldBinder, parseDecimal, useSubmit } from '../../forms';
import { useLoad } from '../../hooks';
import type { TargetPlanView } from '../../types';

export function Targets() {
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
  const body = () => ({
    code: head.code.trim(),
    name: head.name.trim(),
    scopeAreaCode: head.scopeAreaCode.trim() || undefined,
    milestoneYear: Number(head.milestoneYear),
    values: KIND_ORDER.filter((kind) => values[kind].floor.trim() !== '').map((kind) => ({
      variant: 'standard',
      kind,
      floor: parseDecimal(values[kind].floor),
      stretch: values[kind].stretch.trim() === '' ? null : parseDecimal(values[kind].stretch),
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
