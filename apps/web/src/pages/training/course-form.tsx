import { useState } from 'preact/hooks';
import type { CourseDetailView } from '@app/contracts';
import { api, ApiError } from '../../api';
import { Notice, TextField } from '../../components/ui';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export function CourseForm({
  areaCode,
  onSaved,
}: {
  areaCode: string;
  onSaved: (code: string) => void;
}) {
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
