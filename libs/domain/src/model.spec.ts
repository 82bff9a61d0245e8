import {
  AREA_LEVEL_DEPTH,
  AREA_LEVELS,
  DEPENDENCY_RULE_KINDS,
  MODEL_KIND_LABELS,
  MODEL_KINDS,
  UNIT_CATEGORIES,
  UNIT_CATEGORY_LABELS,
  isModelKind,
} from './model.js';

describe('model', () => {
  it('labels every model kind in Vietnamese', () => {
    expect(MODEL_KINDS.map((kind) => MODEL_KIND_LABELS[kind])).toEqual([
      'Gia đình học tập',
      'Dòng họ học tập',
      'Cộng đồng học tập',
      'Đơn vị học tập',
    ]);
  });

  it('orders area levels by depth', () => {
    expect(AREA_LEVELS.map((level) => AREA_LEVEL_DEPTH[level])).toEqual([0, 1, 2, 3]);
  });

  it('labels every unit category', () => {
    expect(UNIT_CATEGORIES.map((c) => UNIT_CATEGORY_LABELS[c])).toEqual([
      'Trường học',
      'Cơ quan',
      'Doanh nghiệp',
      'Y tế',
      'Hợp tác xã',
      'Khác',
    ]);
  });

  it('allows the member-families rule for clans and communities only', () => {
    expect(DEPENDENCY_RULE_KINDS.member_families_recognised).toEqual(['clan', 'community']);
  });

  it.each([
    ['family', true],
    ['unit', true],
    ['Family', false],
    ['hamlet', false],
    [1, false],
    [null, false],
    [undefined, false],
  ])('isModelKind(%p) is %p', (value, expected) => {
    expect(isModelKind(value)).toBe(expected);
  });
});
