import { clearSession, readSession } from './session';

export interface Problem {
  field: string;
  code?: string;
  message: string;
}

/** An error answer of the API: its stable code, the Vietnamese message and the fields concerned. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }

  /** The message about one field (`scores.2`, `decisionDate`…), when the server named it. */
  about(field: string): string | undefined {
    return this.problems.find((problem) => problem.field === field)?.message;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

let onSignedOut: () => void = () => undefined;

/** Called when the server no longer accepts the token (expired, or the server restarted). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const session = readSession();
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  // A form (a file upload) sets its own multipart content type.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ; kiểm tra mạng rồi thử lại');
  }
  if (response.ok) return response;
  const data = (await response.json().catch(() => null)) as {
    code?: string;
    message?: string;
    details?: unknown;
  } | null;
  if (response.status === 401 && session) {
    clearSession();
    onSignedOut();
  }
  throw new ApiError(
    response.status,
    data?.code ?? `HTTP_${response.status}`,
    data?.message ?? `Máy chủ báo lỗi ${response.status}`,
    Array.isArray(data?.details) ? (data.details as Problem[]) : [],
  );
}

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => json<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body: unknown = {}) => json<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, body),
  upload: <T>(path: string, query: Query, field: string, file: File) => {
    const form = new FormData();
    form.append(field, file);
    return json<T>('POST', withQuery(path, query), form);
  },
};

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (utf8) return decodeURIComponent(utf8[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** Downloads a file the API streams (the token rides in a header, so a plain link cannot). */
export async function download(path: string, query: Query, fallbackName: string): Promise<string> {
  const response = await send('GET', withQuery(path, query));
  const name = fileNameOf(response, fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
