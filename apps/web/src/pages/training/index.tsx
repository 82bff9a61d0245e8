import { useLocation } from 'preact-iso';
import { withQuery } from '../../api';
import { can, useAuth } from '../../auth';
import { Tabs } from '../../components/ui';
import { YearSelect } from '../../components/year-select';
import { Courses } from './courses';
import { People } from './people';

/** Courses are recorded from the movement's first plan period to this year, latest first. */
const TRAINING_YEARS = Array.from(
  { length: new Date().getFullYear() - 2010 + 1 },
  (_, index) => new Date().getFullYear() - index,
);

type Section = 'courses' | 'people';

/** Courses and the people to train under an area, a year at a time. */
export function TrainingPage() {
  const { query, route } = useLocation();
  const { user } = useAuth();
  const areaCode = query.area ?? user?.scopeAreaCode ?? '';
  const year = Number(query.year) || new Date().getFullYear();
  const section: Section = query.section === 'people' ? 'people' : 'courses';
  const go = (changes: Record<string, string | number>) =>
    route(withQuery('/tap-huan', { area: areaCode, year, section, ...changes }), true);
  return (
    <div class="page">
      <div class="page-head">
        <h1>Tập huấn cán bộ, hội viên</h1>
        <div class="toolbar">
          <YearSelect year={year} years={TRAINING_YEARS} onYear={(value) => go({ year: value })} />
        </div>
      </div>
      <Tabs
        label="Nội dung"
        tabs={[
          { value: 'courses', label: 'Lớp tập huấn' },
          { value: 'people', label: 'Người cần tập huấn' },
        ]}
        value={section}
        onValue={(value) => go({ section: value })}
      />
      {section === 'courses' ? (
        <Courses areaCode={areaCode} year={year} mayRecord={user ? can.record(user) : false} />
      ) : (
        <People areaCode={areaCode} year={year} />
      )}
    </div>
  );
}
