import { scopeRank } from './scope.js';

describe('scopeRank', () => {
  const chain = ['THUY_PHUONG', 'HUONG_THUY', 'THUA_THIEN_HUE'];

  it('ranks the area itself first and ancestors after it', () => {
    expect(scopeRank('THUY_PHUONG', chain)).toBe(0);
    expect(scopeRank('THUA_THIEN_HUE', chain)).toBe(2);
  });

  it('ranks national scope below every area in the chain', () => {
    expect(scopeRank(null, chain)).toBe(3);
  });

  it('returns null for an area outside the chain', () => {
    expect(scopeRank('PHU_VANG', chain)).toBeNull();
  });
});
