export function YearSelect(props: {
  year: number;
  years: number[];
  onYear: (year: string) => void;
}) {
  return (
    <label>
      Năm{' '}
      <select
        value={String(props.year)}
        onChange={(event) => props.onYear(event.currentTarget.value)}
      >
        {props.years.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}
