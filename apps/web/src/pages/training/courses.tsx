import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { CourseView } from '@app/contracts';
import { api } from '../../api';
import { Loading, Notice, PAGE_SIZE, Pager } from '../../components/ui';
import { formatCount, formatDate } from '../../format';
import { useLoad } from '../../hooks';
import type { Page } from '../../types';
import { CourseForm } from './course-form';

export function Courses({
  areaCode,
  year,
  mayRecord,
}: {
  areaCode: string;
  year: number;
  mayRecord: boolean;
}) {
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
      {mayRecord &&
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
