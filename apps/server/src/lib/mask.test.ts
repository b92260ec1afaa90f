import { describe, expect, it } from 'vitest';
import { maskEmail, maskError, maskPersonalText, maskUrl, maskValue } from './mask';

describe('masking personal data for logs', () => {
  it('keeps a short hint of long values and hides short ones entirely', () => {
    expect(maskValue('0912345678')).toBe('09******78');
    expect(maskValue('072190001234')).toBe('07********34');
    expect(maskValue('Võ Thị Ngọc Ánh')).toBe('Võ********nh');
    expect(maskValue('Ánh')).toBe('***');
    expect(maskEmail('congdan@example.vn')).toBe('c***@example.vn');
  });

  it('masks phone, identity numbers and e-mail addresses in free text, not dossier codes', () => {
    expect(maskPersonalText('gọi 0912 345 678 hoặc +84912345678, CCCD 072190001234')).toBe(
      'gọi 09******78 hoặc +8********78, CCCD 07********34',
    );
    expect(maskPersonalText('550 <Bich.Ngoc@example.vn>: mailbox unavailable')).toBe(
      '550 <B***@example.vn>: mailbox unavailable',
    );
    expect(maskPersonalText('hồ sơ 000.00.01.H53-261201-0001 lúc 2026-12-01')).toBe(
      'hồ sơ 000.00.01.H53-261201-0001 lúc 2026-12-01',
    );
  });

  it('masks query values except known codes, and personal runs in the path', () => {
    expect(maskUrl('/api/dossiers?queue=all&q=Nguy%E1%BB%85n%20V%C4%83n%20A&page=2')).toBe(
      '/api/dossiers?queue=all&q=Ng******** A&page=2',
    );
    expect(maskUrl('/api/khong-co?phone=0912345678&sort=dueAt')).toBe(
      '/api/khong-co?phone=09******78&sort=dueAt',
    );
    expect(maskUrl('/tra-cuu/072190001234')).toBe('/tra-cuu/07********34');
    expect(maskUrl('/api/dossiers/000.00.01.H53-261201-0001')).toBe(
      '/api/dossiers/000.00.01.H53-261201-0001',
    );
    // A "safe" key whose value is not code-like is masked too.
    expect(maskUrl('/api/dossiers?status=Tr%E1%BA%A7n%20Th%E1%BB%8B%20B')).not.toContain('Trần');
  });

  it('reduces an error to its kind, code, status and masked message and stack', () => {
    const error = Object.assign(new Error('duplicate key: (phone)=(0912345678)'), {
      code: '23505',
      detail: 'Key (identity_number)=(072190001234) already exists.',
    });
    const masked = maskError(error);
    expect(masked).toMatchObject({
      type: 'Error',
      code: '23505',
      message: 'duplicate key: (phone)=(09******78)',
    });
    expect(JSON.stringify(masked)).not.toMatch(/0912345678|072190001234/);
    expect(masked).not.toHaveProperty('detail');
  });
});
