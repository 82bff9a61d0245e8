import { EVALUATION_STATUSES, type ModelKind } from '@app/domain';
import { SelectField, TextField } from '../../components/ui';
import { RESULT_LABELS, WORKLIST_STATUS_LABELS } from '../../format';
import type { AreaBrief } from '../../types';

interface WorklistFiltersProps {
  kind: ModelKind;
  search: string;
  onSearch: (text: string) => void;
  /** The filters as the address holds them. */
  filters: { hamlet?: string; status?: string; result?: string };
  hamlets: AreaBrief[];
  onFilter: (changes: Record<string, string | undefined>) => void;
}

export function WorklistFilters({
  kind,
  search,
  onSearch,
  filters,
  hamlets,
  onFilter,
}: WorklistFiltersProps) {
  return (
    <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <TextField label="Tìm theo tên hoặc mã" type="search" value={search} onValue={onSearch} />
      {(kind === 'family' || kind === 'community') && (
        <SelectField
          label="Thôn, tổ dân phố"
          value={filters.hamlet ?? ''}
          onValue={(value) => onFilter({ hamlet: value || undefined })}
          options={[
            { value: '', label: 'Tất cả' },
            ...hamlets.map((hamlet) => ({ value: hamlet.code, label: hamlet.name })),
          ]}
        />
      )}
      <SelectField
        label="Trạng thái"
        value={filters.status ?? ''}
        onValue={(value) => onFilter({ status: value || undefined })}
        options={[
          { value: '', label: 'Tất cả' },
          ...(['none', ...EVALUATION_STATUSES] as const).map((status) => ({
            value: status,
            label: WORKLIST_STATUS_LABELS[status],
          })),
        ]}
      />
      <SelectField
        label="Kết quả chấm"
        value={filters.result ?? ''}
        onValue={(value) => onFilter({ result: value || undefined })}
        options={[
          { value: '', label: 'Tất cả' },
          ...(['passed', 'failed', 'none'] as const).map((result) => ({
            value: result,
            label: RESULT_LABELS[result],
          })),
        ]}
      />
    </form>
  );
}
