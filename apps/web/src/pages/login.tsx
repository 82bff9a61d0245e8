import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { Notice, TextField } from '../components/ui';
import type { SessionView } from '../types';

export function Login() {
  const { signIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<SessionView>('/auth/login', {
        username,
        password,
      });
      signIn(answer.accessToken, answer.user);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login">
      <h1>Theo dõi mô hình học tập</h1>
      <p class="lead">Gia đình, dòng họ, cộng đồng và đơn vị học tập</p>
      <form onSubmit={(event) => void submit(event)} class="card" aria-label="Đăng nhập">
        {error && <Notice kind="error">{error.message}</Notice>}
        <TextField
          label="Tên đăng nhập"
          name="username"
          autoComplete="username"
          required
          value={username}
          onValue={setUsername}
          error={error?.about('username')}
        />
        <TextField
          label="Mật khẩu"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onValue={setPassword}
          error={error?.about('password')}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </main>
  );
}
