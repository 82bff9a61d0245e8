import { useState } from 'preact/hooks';
import { ATTENDANCE_LABELS, attendanceOf, TRAINEE_ROLE_LABELS } from '@app/domain';
import type { CourseDetailView } from '@app/contracts';
import { api, ApiError, withQuery } from '../../api';
import { can, useAuth } from '../../auth';
import { Loading, Notice, TextField } from '../../components/ui';
import { formatCount, formatDate } from '../../format';
import { useLoad } from '../../hooks';

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
  const editable = user ? can.record(user) : false;
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
