import { useState } from 'preact/hooks';
import type { ModelKind } from '@app/domain';
import { api } from '../../api';
import { Problems } from '../../components/problems';
import { Notice, SelectField, TextField } from '../../components/ui';
import { KIND_ORDER, MODEL_KIND_LABELS } from '../../format';
import { fieldBinder, parseDecimal, useSubmit } from '../../forms';

interface CriterionDraft {
  code: string;
  title: string;
  maxPoints: string;
  minPoints: string;
}

export function CriteriaSetForm({ onSaved }: { onSaved: () => void }) {
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
  const form = useSubmit(onSaved);
  const bind = fieldBinder(head, setHead, form.error);
  const hasMembers = head.kind === 'clan' || head.kind === 'community';
  const body = () => ({
    code: head.code.trim(),
    name: head.name.trim(),
    kind: head.kind,
    fromYear: Number(head.fromYear),
    toYear: head.toYear.trim() === '' ? null : Number(head.toYear),
    passThreshold: parseDecimal(head.passThreshold),
    scopeAreaCode: head.scopeAreaCode.trim() || undefined,
    criteria: criteria.map((criterion) => ({
      code: criterion.code.trim(),
      title: criterion.title.trim(),
      maxPoints: parseDecimal(criterion.maxPoints),
      minPoints: criterion.minPoints.trim() === '' ? null : parseDecimal(criterion.minPoints),
    })),
    dependencyRules:
      hasMembers && head.minShare.trim() !== ''
        ? [{ type: 'member_families_recognised', minShare: parseDecimal(head.minShare) }]
        : [],
  });
  const setCriterion = (index: number, field: keyof CriterionDraft) => (value: string) =>
    setCriteria((current) =>
      current.map((criterion, at) => (at === index ? { ...criterion, [field]: value } : criterion)),
    );
  return (
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
  );
}
