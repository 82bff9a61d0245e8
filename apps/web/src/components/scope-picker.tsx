import { useEffect, useId, useState } from 'preact/hooks';
import { api } from '../api';
import type { AreaBrief, AreaDetail } from '../types';

interface ScopePickerProps {
  legend: string;
  /** Where the choice starts: the administrator's own area, or null for the whole country. */
  root: string | null;
  /** The chosen area's code; null for national, which only `national` offers. */
  value: string | null;
  onValue: (code: string | null) => void;
  national: boolean;
  error?: string;
}

const NONE = '';

const named = (area: AreaBrief) => `${area.typeLabel} ${area.name}`;

/**
 * An area chosen level by level from the tree (province, district where there is one, commune,
 * hamlet), never typed as a code: each list holds the places under the one chosen above it, and
 * the choice stops wherever the administrator leaves a list on "the whole of" the area above.
 */
export function ScopePicker({ legend, root, value, onValue, national, error }: ScopePickerProps) {
  const id = useId();
  const [path, setPath] = useState<string[]>(root ? [root] : []);
  const [levels, setLevels] = useState<AreaBrief[][]>([]);

  // An account that already has a scope opens on the way down to it.
  useEffect(() => {
    if (value === null || value === root) return;
    void api.get<AreaDetail>(`/areas/${value}`).then((area) => {
      const down = [...area.ancestors.map((ancestor) => ancestor.code).reverse(), area.code];
      setPath(root ? down.slice(Math.max(0, down.indexOf(root))) : down);
    });
  }, []);

  useEffect(() => {
    let stale = false;
    const top = root
      ? api.get<AreaBrief>(`/areas/${root}`).then((area) => [area])
      : api.get<AreaBrief[]>('/areas', { level: 'province' });
    const below = path.map((code) => api.get<AreaBrief[]>('/areas', { parent: code }));
    void Promise.all([top, ...below]).then((lists) => {
      if (stale) return;
      // The last chosen area may have nothing below it: no empty list is shown.
      setLevels(lists.filter((list, index) => index === 0 || list.length > 0));
    });
    return () => {
      stale = true;
    };
  }, [root, path.join('/')]);

  useEffect(() => {
    if (value === null && !national && root) onValue(root);
  }, [value, national, root]);

  const choose = (level: number, code: string) => {
    const next = code === NONE ? path.slice(0, level) : [...path.slice(0, level), code];
    setPath(next);
    onValue(next.at(-1) ?? null);
  };

  const chosen = path
    .map((code, level) => levels[level]?.find((area) => area.code === code))
    .filter((area): area is AreaBrief => area !== undefined);

  return (
    <fieldset class={`scope-picker${error ? ' field-invalid' : ''}`}>
      <legend>{legend}</legend>
      <div class="scope-levels">
        {levels.map((options, level) => {
          const above = level === 0 ? null : chosen[level - 1];
          const label = above ? `Thuộc ${named(above)}` : 'Tỉnh, thành phố';
          return (
            <label key={above?.code ?? 'top'} class="field">
              <span>{label}</span>
              <select
                value={path[level] ?? NONE}
                aria-describedby={error ? `${id}-error` : undefined}
                onChange={(event) => choose(level, event.currentTarget.value)}
              >
                {above ? (
                  <option value={NONE}>— cả {named(above)} —</option>
                ) : (
                  !root && (
                    <option value={NONE}>
                      {national ? 'Toàn quốc (chỉ quản trị)' : '— chọn tỉnh, thành phố —'}
                    </option>
                  )
                )}
                {options.map((area) => (
                  <option key={area.code} value={area.code}>
                    {named(area)}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
      <p class="hint" data-testid="scope-chosen">
        Phạm vi: {value === null ? 'toàn quốc' : chosen.map(named).join(' › ')}
      </p>
      {error && (
        <small id={`${id}-error`} class="error-text">
          {error}
        </small>
      )}
    </fieldset>
  );
}
