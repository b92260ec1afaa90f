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
