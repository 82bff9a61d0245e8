import { accountChangeProblems, passwordProblems, type AccountChange } from './accounts.js';

const national = { id: 1, national: true };
const ward = { id: 2, national: false };
const inside = { national: false, withinActor: true } as const;
const outside = { national: false, withinActor: false } as const;

const codes = (change: AccountChange) => accountChangeProblems(change).map((p) => p.code);

describe('what an administrator may grant', () => {
  it('lets a national administrator grant any scope, national only to administrators', () => {
    expect(codes({ actor: national, next: { role: 'admin', scope: { national: true } } })).toEqual(
      [],
    );
    expect(codes({ actor: national, next: { role: 'officer', scope: outside } })).toEqual([
      'SCOPE_EXCEEDS_OWN',
    ]);
    expect(codes({ actor: national, next: { role: 'viewer', scope: { national: true } } })).toEqual(
      ['SCOPE_REQUIRED'],
    );
  });

  it('keeps a ward administrator inside its ward, administrators included', () => {
    expect(codes({ actor: ward, next: { role: 'admin', scope: inside } })).toEqual([]);
    expect(codes({ actor: ward, next: { role: 'officer', scope: outside } })).toEqual([
      'SCOPE_EXCEEDS_OWN',
    ]);
    expect(codes({ actor: ward, next: { role: 'admin', scope: { national: true } } })).toContain(
      'SCOPE_EXCEEDS_OWN',
    );
  });

  it('refuses widening an account that stays where it is when the actor is not national', () => {
    const current = { id: 9, role: 'viewer', scope: { national: true }, active: true } as const;
    expect(codes({ actor: ward, current, next: { role: 'admin' } })).toContain('SCOPE_EXCEEDS_OWN');
  });

  it('refuses changing one’s own role, scope or state, but not one’s name', () => {
    const current = { id: 2, role: 'admin', scope: inside, active: true } as const;
    expect(codes({ actor: ward, current, next: { role: 'viewer' } })).toEqual(['OWN_ACCOUNT']);
    expect(codes({ actor: ward, current, next: { active: false } })).toEqual(['OWN_ACCOUNT']);
    expect(codes({ actor: ward, current, next: {} })).toEqual([]);
  });
});

describe('a password a person chooses', () => {
  it('needs ten characters and must not hold the username', () => {
    expect(passwordProblems('ngan', 'lan', 'password')).toEqual([
      expect.objectContaining({ field: 'password', code: 'PASSWORD_TOO_SHORT' }),
    ]);
    expect(passwordProblems('matkhau-canbo.lan', 'canbo.lan', 'password')).toEqual([
      expect.objectContaining({ code: 'PASSWORD_HAS_USERNAME' }),
    ]);
    expect(passwordProblems('hoc-tap-suot-doi', 'canbo.lan', 'password')).toEqual([]);
  });
});
