import type { Random } from './random.js';

type Weighted = readonly (readonly [string, number])[];

/** Rough shares for Thừa Thiên Huế: Nguyễn first, then Trần and Lê; Hồ, Phan and Võ are common. */
export const FAMILY_NAMES: Weighted = [
  ['Nguyễn', 34],
  ['Trần', 11],
  ['Lê', 10],
  ['Phan', 6],
  ['Hồ', 5],
  ['Võ', 5],
  ['Hoàng', 4],
  ['Phạm', 4],
  ['Trương', 3],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Ngô', 2],
  ['Dương', 2],
  ['Đỗ', 1.5],
  ['Huỳnh', 1.5],
  ['Đinh', 1.5],
  ['Lương', 1],
  ['Mai', 1],
];

export const MALE_MIDDLE_NAMES: Weighted = [
  ['Văn', 40],
  ['Đức', 8],
  ['Hữu', 8],
  ['Quang', 7],
  ['Công', 6],
  ['Đình', 6],
  ['Ngọc', 5],
  ['Xuân', 5],
  ['Minh', 5],
  ['Phước', 4],
  ['Thanh', 4],
  ['Viết', 3],
  ['Đăng', 3],
];

const FEMALE_MIDDLE_NAMES: Weighted = [
  ['Thị', 70],
  ['Ngọc', 6],
  ['Thu', 5],
  ['Thanh', 5],
  ['Kim', 4],
  ['Diệu', 3],
  ['Hoài', 3],
];

const MALE_GIVEN_NAMES = (
  'An Bình Cường Dũng Định Đông Hải Hòa Hoàng Hùng Hưng Khánh Kiên Lâm Long Lộc Lực Minh ' +
  'Nam Nghĩa Nhân Phong Phúc Quân Quý Sơn Tài Tâm Thắng Thành Thiện Thọ Tín Toàn Trung ' +
  'Tuấn Việt Vinh'
).split(' ');

const FEMALE_GIVEN_NAMES = (
  'Anh Bích Cúc Dung Hà Hạnh Hằng Hoa Hồng Huệ Hương Lan Liên Loan Lý Mai Nga Ngọc Nhung ' +
  'Oanh Phương Quyên Sen Tâm Thảo Thu Thủy Trang Tuyết Vân Xuân Yến'
).split(' ');

/** Most heads of household recorded in the registers are men. */
const MALE_HEAD_SHARE = 0.72;

/** A full name, family name first; `middleName` lets a clan head carry the clan's middle name. */
export function personName(random: Random, familyName: string, middleName?: string): string {
  const male = middleName !== undefined || random.chance(MALE_HEAD_SHARE);
  const middle = middleName ?? random.weighted(male ? MALE_MIDDLE_NAMES : FEMALE_MIDDLE_NAMES);
  const given = random.pick(male ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
  return `${familyName} ${middle} ${given}`;
}

const BRANDS = (
  'An Phú, Bảo Châu, Đại Lộc, Hoàng Long, Hưng Thịnh, Hương Giang, Minh Phát, Nam Việt, ' +
  'Phú Thịnh, Tân Tiến, Thành Đạt, Thiên Ân, Thuận An, Trường Sơn, Việt Thắng, Phước Lộc, ' +
  'Kim Long, Ngự Bình, Sông Hương, Bạch Mã, Đông Á, Hải Vân, Thanh Bình, Phú Xuân, ' +
  'Thái Hòa, Tân Phát, Đức Thành, Quang Minh'
).split(', ');

const BUSINESS_KINDS = [
  'Công ty TNHH Xây dựng',
  'Công ty TNHH Thương mại và Dịch vụ',
  'Công ty TNHH May mặc',
  'Công ty Cổ phần Vật liệu xây dựng',
  'Công ty TNHH Chế biến gỗ',
  'Công ty TNHH Vận tải',
  'Doanh nghiệp tư nhân Cơ khí',
];

/** Every kind × brand pair, so enterprise names can be drawn without repeats. */
export const ENTERPRISE_NAMES = BUSINESS_KINDS.flatMap((kind) =>
  BRANDS.map((brand) => `${kind} ${brand}`),
);
