/** Data shared by the dossier tests and the benchmarks (no test-runner imports here). */

/** Cấp giấy phép xây dựng — received by the provincial service centre, handled by Sở Xây dựng. */
export const PERMIT = '1.013236';

export const permitForm = {
  applicant: {
    fullName: 'Võ Thị Ngọc Ánh',
    birthDate: '1990-05-01',
    identityNumber: '072190001234',
    address: 'Tây Ninh',
    phone: '0912345678',
  },
  details: { worksName: 'Nhà ở', worksAddress: 'Phường Tân Ninh' },
};

/**
 * The permit's documents required online: the application, land papers, fire-safety and
 * environment results, drawings (tp3, the project approval, is "nếu có": optional).
 */
export const PERMIT_REQUIRED_DOCUMENTS = ['tp1', 'tp2', 'tp4', 'tp5'] as const;

/** A minimal PDF and PNG, recognised by their content. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b00000000049454e44ae426082',
  'hex',
);

/** A multipart/form-data body with one file field. */
export function multipart(fileName: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----tayninh-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Đăng ký khai sinh — a commune procedure, received and handled by the chosen commune. */
export const BIRTH = '1.001193';

/** A birth registration as its Tờ khai (TT 04/2024/TT-BTP) asks it, the father not declared. */
export const birthForm = {
  applicant: {
    fullName: 'Võ Thị Ngọc Ánh',
    birthDate: '1990-05-01',
    identityNumber: '072190001234',
    address: 'Khu phố 1, phường Tân Ninh, tỉnh Tây Ninh',
    relationship: 'Mẹ',
    phone: '0912345678',
  },
  child: {
    childFullName: 'Nguyễn Ngọc Bảo An',
    childBirthDate: '2026-11-20',
    childSex: 'Nữ',
    childEthnicity: 'Kinh',
    childNationality: 'Việt Nam',
    childBirthPlace: 'Bệnh viện Đa khoa tỉnh Tây Ninh',
    childHometown: 'Phường Tân Ninh, tỉnh Tây Ninh',
  },
  mother: {
    motherFullName: 'Võ Thị Ngọc Ánh',
    motherBirthYear: 1990,
    motherEthnicity: 'Kinh',
    motherNationality: 'Việt Nam',
    motherResidence: 'Khu phố 1, phường Tân Ninh, tỉnh Tây Ninh',
    motherIdentityNumber: '072190001234',
  },
  father: {},
  request: { copyCount: 2 },
};

/** The ordinary case: a birth certificate from the hospital, the mother submits herself. */
export const BIRTH_CASES = ['co-giay-chung-sinh', 'sinh-binh-thuong', 'nguoi-than-nop'];
