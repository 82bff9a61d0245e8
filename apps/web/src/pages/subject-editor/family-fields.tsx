import type { ApiError } from '../../api';
import { SelectField, TextField } from '../../components/ui';
import type { AreaBrief } from '../../types';
import type { Draft } from './draft';

interface FamilyFieldsProps {
  draft: Draft;
  setField: (field: keyof Draft) => (value: string) => void;
  error: ApiError | null;
  hamlets: AreaBrief[];
  clans: { code: string; name: string }[];
}

/** A household's own fields: its head, where it lives, its clan, how many live in it. */
export function FamilyFields({ draft, setField, error, hamlets, clans }: FamilyFieldsProps) {
  return (
    <>
      <TextField
        label="Họ tên chủ hộ"
        value={draft.headName}
        onValue={setField('headName')}
        required
        error={error?.about('headName')}
      />
      <SelectField
        label="Thôn, tổ dân phố"
        value={draft.hamletCode}
        onValue={setField('hamletCode')}
        options={[
          { value: '', label: '— chọn —' },
          ...hamlets.map((hamlet) => ({
            value: hamlet.code,
            label: hamlet.name,
          })),
        ]}
        error={error?.about('hamletCode')}
      />
      <SelectField
        label="Dòng họ"
        value={draft.clanCode}
        onValue={setField('clanCode')}
        options={[
          { value: '', label: '— không —' },
          ...clans.map((clan) => ({
            value: clan.code,
            label: clan.name,
          })),
        ]}
        error={error?.about('clanCode')}
      />
      <TextField
        label="Số nhân khẩu"
        inputMode="numeric"
        value={draft.members}
        onValue={setField('members')}
        required
        error={error?.about('members')}
      />
      <TextField
        label="Địa chỉ"
        value={draft.address}
        onValue={setField('address')}
        error={error?.about('address')}
      />
    </>
  );
}
