import { selectCriteriaSet } from './criteria-selection.js';
import type { CriteriaSetCandidate } from './criteria-selection.js';

const chain = ['THUY_PHUONG', 'HUONG_THUY', 'THUA_THIEN_HUE'];

function set(
  id: number,
  scopeAreaCode: string | null,
  fromYear: number,
  toYear: number | null = null,
): CriteriaSetCandidate & { name: string } {
  return { id, scopeAreaCode, fromYear, toYear, name: `set ${id}` };
}

describe('selectCriteriaSet', () => {
  it('returns null when nothing applies', () => {
    expect(selectCriteriaSet([], 2020, chain)).toBeNull();
    expect(selectCriteriaSet([set(1, 'PHU_VANG', 2015)], 2020, chain)).toBeNull();
  });

  it('respects the inclusive year range', () => {
    const sets = [set(1, null, 2015, 2020)];
    expect(selectCriteriaSet(sets, 2014, chain)).toBeNull();
    expect(selectCriteriaSet(sets, 2015, chain)?.id).toBe(1);
    expect(selectCriteriaSet(sets, 2020, chain)?.id).toBe(1);
    expect(selectCriteriaSet(sets, 2021, chain)).toBeNull();
  });

  it('treats a null toYear as open-ended', () => {
    expect(selectCriteriaSet([set(1, null, 2015)], 2099, chain)?.id).toBe(1);
  });

  it('prefers the most specific scope over a newer, broader set', () => {
    const sets = [set(1, null, 2021), set(2, 'THUA_THIEN_HUE', 2019), set(3, 'HUONG_THUY', 2016)];
    expect(selectCriteriaSet(sets, 2022, chain)?.id).toBe(3);
    expect(selectCriteriaSet(sets, 2022, ['PHU_THUONG', 'PHU_VANG', 'THUA_THIEN_HUE'])?.id).toBe(2);
    expect(selectCriteriaSet(sets, 2022, ['BA_DINH', 'HA_NOI'])?.id).toBe(1);
  });

  it('breaks scope ties by latest fromYear, then highest id', () => {
    expect(selectCriteriaSet([set(5, null, 2016), set(2, null, 2021)], 2022, chain)?.id).toBe(2);
    expect(selectCriteriaSet([set(2, null, 2021), set(7, null, 2021)], 2022, chain)?.id).toBe(7);
  });

  it('returns the caller’s own object type', () => {
    expect(selectCriteriaSet([set(1, null, 2015)], 2020, chain)?.name).toBe('set 1');
  });
});
