/**
 * No personal data or secret in any log line (Nghị định 13/2023/NĐ-CP): the app logs at the
 * most verbose level into a capture while a realistic journey runs — registration, a failed
 * sign-in, a submission with the applicant's data, public tracking, an officer's search and
 * action, an API token, invalid input quoting personal data, an unknown address with a phone
 * number in its query — then every captured line is searched for the values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, PDF, permitForm, submitPermit } from '../test/dossier-fixtures';
import { as, login, startTestApp, type Session, type TestContext } from '../test/harness';

const citizen = {
  fullName: 'Lê Thị Bảo Mật',
  username: 'baomat.le',
  password: 'BaoMat2026kin',
  email: 'baomat.le@example.vn',
  phone: '0987654321',
  identityNumber: '072199004321',
};
const applicant = {
  fullName: 'Trịnh Văn Riêng Tư',
  birthDate: '1985-03-04',
  identityNumber: '072185006789',
  address: '12 Hẻm Bí Mật, Phường Tân Ninh',
  phone: '0976543210',
};
const wrongPassword = 'SaiMatKhau999';

describe('log lines carry no personal data or secrets', () => {
  let ctx: TestContext;
  const lines: string[] = [];
  const secrets: string[] = [];

  beforeAll(async () => {
    ctx = await startTestApp({ logLevel: 'trace' }, { logStream: { write: (line) => lines.push(line) } });
  });
  afterAll(async () => ctx.close());

  it('runs a journey, then finds none of the values in any log line', async () => {
    const registered = await ctx.app.inject({ method: 'POST', url: '/api/auth/register', payload: citizen });
    expect(registered.statusCode).toBe(201);
    const self: Session = {
      cookie: `tn_session=${registered.cookies.find((c) => c.name === 'tn_session')!.value}`,
      csrfToken: registered.json<{ csrfToken: string }>().csrfToken,
      userId: registered.json<{ user: { id: number } }>().user.id,
    };
    secrets.push(self.cookie.split('=')[1]!, self.csrfToken);

    const failed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: citizen.username, password: wrongPassword },
    });
    expect(failed.statusCode).toBe(401);

    const code = await submitPermit(ctx.app, self, { ...permitForm, applicant });
    const upload = multipart(`CCCD ${applicant.identityNumber}.pdf`, PDF, 'application/pdf');
    expect(
      (
        await as(
          ctx.app,
          self,
        )({
          method: 'POST',
          url: `/api/dossiers/${code}/attachments?documentCode=tp1`,
          ...upload,
        })
      ).statusCode,
    ).toBe(201);

    expect((await ctx.app.inject({ method: 'GET', url: `/api/public/dossiers/${code}` })).statusCode).toBe(
      200,
    );

    const officer = await login(ctx.app, 'tiepnhan');
    secrets.push(officer.cookie.split('=')[1]!, officer.csrfToken);
    const search = await as(
      ctx.app,
      officer,
    )({ method: 'GET', url: '/api/dossiers', query: { queue: 'all', q: applicant.fullName } });
    expect(search.statusCode).toBe(200);
    const byPhone = await as(ctx.app, officer)({ method: 'GET', url: `/api/dossiers?q=${applicant.phone}` });
    expect(byPhone.statusCode).toBe(200);
    const accepted = await as(
      ctx.app,
      officer,
    )({ method: 'POST', url: `/api/dossiers/${code}/actions`, payload: { type: 'accept' } });
    expect(accepted.statusCode).toBe(200);

    const created = await as(
      ctx.app,
      officer,
    )({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'Kết nối thử' } });
    const token = created.json<{ token: string }>().token;
    secrets.push(token);
    const viaToken = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.statusCode).toBe(200);
    const forged = 'tnk_gia_mao_0987654321_khong_hop_le';
    secrets.push(forged);
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${forged}` },
        })
      ).statusCode,
    ).toBe(401);

    // Invalid input that quotes personal data: a schema violation, a rule violation, broken JSON.
    const extra = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { ...citizen, username: 'baomat.khac', ghiChu: `${citizen.fullName} ${citizen.phone}` },
    });
    expect(extra.statusCode).toBe(400);
    const duplicate = await ctx.app.inject({ method: 'POST', url: '/api/auth/register', payload: citizen });
    expect(duplicate.statusCode).toBeGreaterThanOrEqual(400);
    const broken = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: `{"fullName":"${citizen.fullName}","phone":"${citizen.phone}","identityNumber":"${citizen.identityNumber}"`,
    });
    expect(broken.statusCode).toBe(400);
    const wrongType = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'content-type': 'application/xml' },
      payload: `${citizen.fullName} ${citizen.email} ${citizen.identityNumber}`,
    });
    expect(wrongType.statusCode).toBe(415);

    const unknown = await ctx.app.inject({
      method: 'GET',
      url: `/api/tra-cuu/${citizen.identityNumber}?phone=${citizen.phone}&email=${encodeURIComponent(citizen.email)}`,
    });
    expect(unknown.statusCode).toBe(404);

    expect((await as(ctx.app, self)({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);

    // What background jobs and the error handler log through the same logger: an SMTP server's
    // answer quoting the recipient, a database error quoting the row.
    ctx.app.log.warn(`e-mail 7 not delivered (attempt 1): 550 <${citizen.email}> mailbox unavailable`);
    ctx.app.log.error(
      {
        err: new Error(`duplicate key (identity_number)=(${citizen.identityNumber}), phone ${citizen.phone}`),
      },
      'unhandled error',
    );

    // The capture did see the journey, with masked hints where a value had to be named.
    expect(lines.length).toBeGreaterThan(20);
    const log = lines.join('');
    expect(log).toContain('/api/tra-cuu/07********21?phone=09******21&email=');
    expect(log).toContain('/api/dossiers?queue=all&q=');
    expect(log).toContain('550 <b***@example.vn> mailbox unavailable');
    expect(log).toContain('duplicate key (identity_number)=(07********21), phone 09******21');

    const personal = [...Object.values(citizen), ...Object.values(applicant)].filter(
      (value) => value !== citizen.username && value !== applicant.birthDate,
    );
    const forms = (value: string) => [
      value,
      encodeURIComponent(value),
      encodeURIComponent(value).replace(/%20/g, '+'),
    ];
    const values = [...personal, wrongPassword, ...secrets].flatMap(forms);
    // The offending lines themselves, so a failure shows what leaked and where.
    expect(lines.filter((line) => values.some((value) => line.includes(value)))).toEqual([]);
    // The username is not personal data as such, but neither should it be logged with the password.
    for (const line of lines) expect(line).not.toMatch(/password|mật khẩu/i);
  });
});
