/** Fictitious Vietnamese names for the demo dossiers (no real personal data). */

/** The random source the demo generator uses (a seeded generator, see demo-dossiers.ts). */
export interface NameRandom {
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Võ',
  'Phan',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE_MEN = ['Văn', 'Minh', 'Quốc', 'Hữu', 'Thanh', 'Đức', 'Công', 'Hoàng'];
const MIDDLE_WOMEN = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Mỹ', 'Kim', 'Bích', 'Hồng'];
const GIVEN_MEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hiếu',
  'Khoa',
  'Long',
  'Nam',
  'Phong',
  'Quang',
  'Sơn',
  'Tài',
  'Thắng',
  'Trung',
  'Vinh',
];
const GIVEN_WOMEN = [
  'Anh',
  'Châu',
  'Diễm',
  'Giang',
  'Hà',
  'Hạnh',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Ngân',
  'Nhung',
  'Phương',
  'Thảo',
  'Trang',
  'Yến',
];

export function personName(random: NameRandom): string {
  const woman = random.chance(0.5);
  return [
    random.pick(FAMILY),
    random.pick(woman ? MIDDLE_WOMEN : MIDDLE_MEN),
    random.pick(woman ? GIVEN_WOMEN : GIVEN_MEN),
  ].join(' ');
}
