import { useAuth } from '../../auth';
import { ScopePicker } from '../../components/scope-picker';

/** The administrator's own scope: where every account they manage must lie. */
export function useRoot(): string | null {
  return useAuth().user?.scopeAreaCode ?? null;
}

interface AccountScopeProps {
  role: string;
  value: string | null;
  onValue: (code: string | null) => void;
  error?: string;
}

/**
 * An account's area, chosen inside the administrator's own; the whole country is offered only
 * to a national administrator creating an administrator, as the API allows.
 */
export function AccountScope({ role, value, onValue, error }: AccountScopeProps) {
  const root = useRoot();
  return (
    <ScopePicker
      legend="Địa bàn phụ trách"
      root={root}
      value={value}
      onValue={onValue}
      national={root === null && role === 'admin'}
      error={error}
    />
  );
}
