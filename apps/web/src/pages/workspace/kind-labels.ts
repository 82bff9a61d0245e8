import type { ModelKind } from '@app/domain';

/** What the workspace calls each kind, on its tab and in its table's caption. */
export const TAB_LABELS: Record<ModelKind, string> = {
  family: 'Hộ gia đình',
  clan: 'Dòng họ',
  community: 'Thôn, tổ dân phố',
  unit: 'Đơn vị',
};

export const ADD_LABELS: Partial<Record<ModelKind, string>> = {
  family: 'Thêm hộ gia đình',
  clan: 'Thêm dòng họ',
  unit: 'Thêm đơn vị',
};
