import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import {
  ATTENDANCE_LABELS,
  attendanceOf,
  TRAINEE_GROUP_LABELS,
  TRAINEE_GROUPS,
  TRAINEE_ROLE_LABELS,
} from '@app/domain';
import type { CourseDetailView, CourseView, TraineeView } from '@app/contracts';
import { api, ApiError, withQuery } from '../api';
import { useAuth } from '../auth';
import { Loading, Notice, PAGE_SIZE, Pager, SelectField, Tabs, TextField } from '../components/ui';
import { formatCount, formatDate } from '../format';
import { useDebounced, useLoad } from '../hooks';
import { YearSelect } from '../components/year-select';
import type { Page } from '../types';

/** Courses are recorded from the movement's first plan period to this year, latest first. */
const TRAINING_YEARS = Array.from(
  { length: new Date().getFullYear() - 2010 + 1 },
  (_, index) => new Date().getFullYear() - index,
);

type Section = 'courses' | 'people';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Who may record people, courses and attendance: everyone but a viewer, within their scope. */
const mayRecord = (role: string | undefined) => role !== undefined && role !== 'viewer';

function CourseForm({ areaCode, onSaved }: { areaCode: string; onSaved: (code: string) => void }) {
  const [fields, setFields] = useState({
    code: '',
    title: '',
    startsOn: '',
    endsOn: '',
    organiser: '',
    venue: '',
    topics: '',
    trainers: '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  const set = (key: keyof typeof fields) => (value: string) =>
    setFields((current) => ({ ...current, [key]: value }));
  const save = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const saved = await api.post<CourseDetailView>('/courses', {
        code: fields.code.trim(),
        title: fields.title,
        startsOn: fields.startsOn,
        endsOn: fields.endsOn || fields.startsOn,
        organiser: fields.organiser,
        venue: fields.venue.trim() || null,
        topics: lines(fields.topics),
        trainers: lines(fields.trainers),
        areaCode,
      });
      onSaved(saved.code);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'ERROR', String(caught)));
    }
  };
  return (
    <form class="panel form-grid" onSubmit={(event) => void save(event)} aria-label="Thêm lớp">
      <h2>Thêm lớp tập huấn</h2>
      {error && <Notice kind="error">{error.message}</Notice>}
      <TextField
        label="Mã lớp"
        value={fields.code}
        onValue={set('code')}
        error={error?.about('code')}
        required
      />
      <TextField
        label="Tên lớp"
        value={fields.title}
        onValue={set('title')}
        error={error?.about('title')}
        required
      />
      <TextField
        label="Từ ngày"
        type="date"
        value={fields.startsOn}
        onValue={set('startsOn')}
        error={error?.about('startsOn')}
        required
      />
      <TextField
        label="Đến ngày"
        type="date"
        value={fields.endsOn}
        onValue={set('endsOn')}
        error={error?.about('endsOn')}
        hint="Để trống nếu lớp một ngày"
      />
      <TextField
        label="Đơn vị tổ chức"
        value={fields.organiser}
        onValue={set('organiser')}
        error={error?.about('organiser')}
        required
      />
      <TextField
        label="Địa điểm"
        value={fields.venue}
        onValue={set('venue')}
        error={error?.about('venue')}
      />
      <label>
        Chủ đề (mỗi dòng một chủ đề)
        <textarea
          rows={3}
          value={fields.topics}
          onInput={(event) => set('topics')(event.currentTarget.value)}
        />
      </label>
      <label>
        Báo cáo viên (mỗi dòng một người)
        <textarea
          rows={2}
          value={fields.trainers}
          onInput={(event) => set('trainers')(event.currentTarget.value)}
        />
      </label>
      <button type="submit" class="primary">
        Lưu lớp
      </button>
    </form>
  );
}

function Courses({ areaCode, year, role }: { areaCode: string; year: number; role?: string }) {
  const { route } = useLocation();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const courses = useLoad(
    () =>
      api.get<Page<CourseView>>('/courses', { area: areaCode, year, page, pageSize: PAGE_SIZE }),
    [areaCode, year, page],
  );
  if (courses.error) return <Notice kind="error">{courses.error.message}</Notice>;
  if (!courses.data) return <Loading what="các lớp tập huấn" />;
  return (
    <>
      {mayRecord(role) &&
        (adding ? (
          <CourseForm areaCode={areaCode} onSaved={(code) => route(`/tap-huan/lop/${code}`)} />
        ) : (
          <button type="button" onClick={() => setAdding(true)}>
            Thêm lớp tập huấn
          </button>
        ))}
      <div class="table-wrap">
        <table class="data" data-testid="courses">
          <thead>
            <tr>
              <th scope="col">Lớp</th>
              <th scope="col">Thời gian</th>
              <th scope="col">Tổ chức</th>
              <th scope="col">Dự đủ</th>
              <th scope="col">Dự một phần</th>
              <th scope="col">Vắng</th>
            </tr>
          </thead>
          <tbody>
            {courses.data.items.map((course) => (
              <tr key={course.code} data-code={course.code}>
                <th scope="row">
                  <a href={`/tap-huan/lop/${course.code}`}>{course.title}</a>
                </th>
                <td>
                  {formatDate(course.startsOn)}
                  {course.days > 1 && ` – ${formatDate(course.endsOn)}`}
                </td>
                <td>{course.organiser}</td>
                <td>{formatCount(course.attendance.full)}</td>
                <td>{formatCount(course.attendance.partial)}</td>
                <td>{formatCount(course.attendance.absent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {courses.data.items.length === 0 && <p class="muted">Chưa có lớp nào trong năm {year}.</p>}
      <Pager
        page={page}
        pageSize={PAGE_SIZE}
        total={courses.data.total}
        noun="lớp"
        onPage={setPage}
      />
    </>
  );
}

function People({ areaCode, year }: { areaCode: string; year: number }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [group, setGroup] = useState('');
  const [page, setPage] = useState(1);
  const people = useLoad(
    () =>
      api.get<Page<TraineeView>>('/trainees', {
        area: areaCode,
        year,
        q: q || undefined,
        group: group || undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    [areaCode, year, q, group, page],
  );
  return (
    <>
      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <TextField
          label="Tìm theo tên hoặc mã"
          type="search"
          value={search}
          onValue={(value) => {
            setSearch(value);
            setPage(1);
          }}
        />
        <SelectField
          label="Nhóm"
          value={group}
          options={[
            { value: '', label: 'Tất cả' },
            ...TRAINEE_GROUPS.map((value) => ({ value, label: TRAINEE_GROUP_LABELS[value] })),
          ]}
          onValue={(value) => {
            setGroup(value);
            setPage(1);
          }}
        />
      </form>
      {people.error && <Notice kind="error">{people.error.message}</Notice>}
      {!people.data ? (
        <Loading what="danh sách" />
      ) : (
        <>
          <div class="table-wrap">
            <table class="data" data-testid="trainees">
              <thead>
                <tr>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Vai trò</th>
                  <th scope="col">Nơi đảm nhiệm</th>
                  <th scope="col">Hội viên</th>
                </tr>
              </thead>
              <tbody>
                {people.data.items.map((person) => (
                  <tr key={person.code} data-code={person.code}>
                    <th scope="row">{person.fullName}</th>
                    <td>{person.posting ? TRAINEE_ROLE_LABELS[person.posting.role] : '—'}</td>
                    <td>{person.posting?.area.name ?? '—'}</td>
                    <td>
                      {person.associationMember === null
                        ? 'Chưa rõ'
                        : person.associationMember
                          ? 'Có'
                          : 'Không'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={people.data.total}
            noun="người"
            onPage={setPage}
          />
        </>
      )}
    </>
  );
}

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
        <Courses areaCode={areaCode} year={year} role={user?.role} />
      ) : (
        <People areaCode={areaCode} year={year} />
      )}
    </div>
  );
}

/** One course: what it was, and who attended how many days, editable by those who record it. */
export function CoursePage({ code }: { code: string }) {
  const { user } = useAuth();
  const course = useLoad(() => api.get<CourseDetailView>(`/courses/${code}`), [code]);
  const [days, setDays] = useState<Record<string, string>>({});
  const [added, setAdded] = useState('');
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  if (course.error) return <Notice kind="error">{course.error.message}</Notice>;
  if (!course.data) return <Loading what="lớp tập huấn" />;
  const view = course.data;
  const editable = mayRecord(user?.role);
  const save = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const entries = Object.entries(days).map(([traineeCode, value]) => ({
      traineeCode,
      daysAttended: Number(value),
    }));
    const extra = added.trim();
    if (extra) entries.push({ traineeCode: extra, daysAttended: view.days });
    if (entries.length === 0) return;
    try {
      const result = await api.put<{ created: number; updated: number }>(
        `/courses/${code}/attendance`,
        { entries },
      );
      setNotice({
        kind: 'success',
        text: `Đã lưu: ${formatCount(result.created)} người thêm, ${formatCount(result.updated)} người sửa.`,
      });
      setDays({});
      setAdded('');
      course.reload();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'ERROR', String(caught)));
    }
  };
  return (
    <div class="page">
      <nav class="crumbs" aria-label="Tập huấn">
        <a href={withQuery('/tap-huan', { area: view.area.code, year: view.startsOn.slice(0, 4) })}>
          Tập huấn
        </a>
        <span aria-current="page">{view.code}</span>
      </nav>
      <h1>{view.title}</h1>
      <p>
        {formatDate(view.startsOn)}
        {view.days > 1 && ` – ${formatDate(view.endsOn)}`} ({view.days} ngày) · {view.organiser}
        {view.venue && ` · ${view.venue}`}
      </p>
      {view.topics.length > 0 && <p>Chủ đề: {view.topics.join('; ')}</p>}
      {view.trainers.length > 0 && <p>Báo cáo viên: {view.trainers.join(', ')}</p>}
      <p data-testid="course-attendance">
        Dự đủ {formatCount(view.attendance.full)}, dự một phần{' '}
        {formatCount(view.attendance.partial)}, vắng {formatCount(view.attendance.absent)}.
      </p>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {error && <Notice kind="error">{error.message}</Notice>}
      <form onSubmit={(event) => void save(event)} aria-label="Điểm danh">
        <div class="table-wrap">
          <table class="data" data-testid="attendees">
            <thead>
              <tr>
                <th scope="col">Họ và tên</th>
                <th scope="col">Vai trò khi dự</th>
                <th scope="col">Nơi đảm nhiệm</th>
                <th scope="col">Số ngày dự</th>
              </tr>
            </thead>
            <tbody>
              {view.attendees.map((attendee) => {
                const value = days[attendee.trainee.code] ?? String(attendee.daysAttended);
                return (
                  <tr key={attendee.trainee.code} data-code={attendee.trainee.code}>
                    <th scope="row">{attendee.trainee.fullName}</th>
                    <td>{attendee.role ? TRAINEE_ROLE_LABELS[attendee.role] : '—'}</td>
                    <td>{attendee.area?.name ?? '—'}</td>
                    <td>
                      {editable ? (
                        <input
                          class="days"
                          type="number"
                          min={0}
                          max={view.days}
                          aria-label={`Số ngày dự của ${attendee.trainee.fullName}`}
                          aria-invalid={Boolean(
                            error?.about(
                              `entries[${Object.keys(days).indexOf(attendee.trainee.code)}].daysAttended`,
                            ),
                          )}
                          value={value}
                          onInput={(event) => {
                            const next = event.currentTarget.value;
                            setDays((current) => ({ ...current, [attendee.trainee.code]: next }));
                          }}
                        />
                      ) : (
                        `${attendee.daysAttended} (${ATTENDANCE_LABELS[attendanceOf(attendee.daysAttended, view.days)]})`
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {editable && (
          <>
            <TextField
              label="Thêm người dự đủ (mã người)"
              value={added}
              onValue={setAdded}
              hint={`Dự đủ ${view.days} ngày; sửa số ngày sau khi thêm`}
              error={error?.about(`entries[${Object.keys(days).length}].traineeCode`)}
            />
            <button type="submit" class="primary">
              Lưu điểm danh
            </button>
          </>
        )}
      </form>
    </div>
  );
}
