import type { ApiError } from '../api';
import { Notice } from './ui';

/** The server's message and every problem it listed, for forms whose fields are rows of a table. */
export function Problems({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <Notice kind="error">
      {error.message}
      {error.problems.length > 1 && (
        <ul>
          {error.problems.map((problem) => (
            <li key={problem.field}>{problem.message}</li>
          ))}
        </ul>
      )}
    </Notice>
  );
}
