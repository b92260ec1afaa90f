/** Password of the demo accounts in tests (meets the password rules). */
export const TEST_PASSWORD = 'KiemThu@2026';
