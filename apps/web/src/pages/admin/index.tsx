import { useLocation } from 'preact-iso';
import { withQuery } from '../../api';
import { Tabs } from '../../components/ui';
import { CriteriaSets } from './criteria-sets';
import { Targets } from './targets';
import { Users } from './users';

type Section = 'users' | 'targets' | 'criteria';

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
