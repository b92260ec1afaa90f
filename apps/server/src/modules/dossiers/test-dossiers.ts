/** The data of the dossier API tests: a provincial procedure and a filled form for it. */
export const PERMIT = '1.013236'; // Cấp giấy phép xây dựng — provincial, handled by Sở Xây dựng
export const form = {
  applicant: {
    fullName: 'Võ Thị Ngọc Ánh',
    birthDate: '1990-05-01',
    identityNumber: '072190001234',
    address: 'Phường Tân Ninh, Tây Ninh',
    phone: '0912345678',
  },
  details: {
    worksName: 'Nhà ở riêng lẻ <script>alert(1)</script>',
    worksAddress: 'Khu phố 1, phường Tân Ninh',
    floors: 3,
  },
};
