import { UNIT_CATEGORIES } from '@app/domain';
import type { ApiError } from '../../api';
import { SelectField, TextField } from '../../components/ui';
import { UNIT_CATEGORY_LABELS } from '../../format';
import type { Draft } from './draft';

interface NamedSubjectFieldsProps {
  kind: 'clan' | 'unit';
  draft: Draft;
  setField: (field: keyof Draft) => (value: string) => void;
  error: ApiError | null;
}

/** A clan's or a unit's own fields: its name, who heads it and, for a unit, its category. */
export function NamedSubjectFields({ kind, draft, setField, error }: NamedSubjectFieldsProps) {
  return (
    <>
      <TextField
        label={kind === 'clan' ? 'Tên dòng họ' : 'Tên đơn vị'}
        value={draft.name}
        onValue={setField('name')}
        required
        error={error?.about('name')}
      />
      <TextField
        label={kind === 'clan' ? 'Trưởng họ' : 'Thủ trưởng đơn vị'}
        value={draft.headName}
        onValue={setField('headName')}
        error={error?.about('headName')}
      />
      {kind === 'unit' && (
        <SelectField
          label="Loại đơn vị"
          value={draft.category}
          onValue={setField('category')}
          options={UNIT_CATEGORIES.map((category) => ({
            value: category,
            label: UNIT_CATEGORY_LABELS[category],
          }))}
          error={error?.about('category')}
        />
      )}
    </>
  );
}
