/**
 * What the first outside review found in the back office and the administration, checked in
 * Chromium: /quan-tri opens a home, unit pickers search without diacritics, the leader starts on
 * the approval queue, the reception queue shows the submission date (never a receipt date), the
 * accept form shows the appointment before confirming, deadline pickers offer working days only,
 * a note is internal unless ticked, and returning online asks for the electronic result.
 * The dossier is prepared through the API; the browser does what the review did.
 */
import { describe, expect, it } from 'vitest';
import { as as asSession, login } from '../../server/src/test/harness';
import { submitPermit } from '../../server/src/test/dossier-fixtures';
import { addDays, vietnamDate, weekday } from '../../server/src/lib/time';
import { officerAction, openFromQueue } from './flows';
import { screenshot, useJourney } from './harness';

const journey = useJourney();
const as = journey.as;

describe('back office review in Chromium', () => {
  it('/quan-tri opens the administration home, and its unit picker finds "tan ninh"', async () => {
    const admin = await as('admin');
    await admin.goto('/quan-tri');
    await admin.getByRole('heading', { level: 1, name: 'Quản trị hệ thống' }).waitFor();
    for (const name of [
      'Đơn vị hành chính, cơ quan',
      'Người dùng và phân quyền',
      'Danh mục thủ tục hành chính',
      'Lịch nghỉ lễ và ngày làm việc',
    ])
      await admin.getByRole('main').getByRole('link', { name }).waitFor();
    await screenshot(admin, 'admin-home');

    await admin.getByRole('main').getByRole('link', { name: 'Người dùng và phân quyền' }).click();
    const unit = admin.getByRole('combobox', { name: 'Đơn vị công tác' });
    await unit.click();
    await unit.fill('tan ninh');
    await admin
      .getByRole('option', { name: /phường Tân Ninh/i })
      .first()
      .waitFor();
  }, 60_000);

  it('the leader starts on the approval queue', async () => {
    const leader = await as('lanhdao.xd');
    await leader.goto('/mot-cua');
    await leader.getByRole('link', { name: 'Bắt đầu với hàng đợi: Chờ phê duyệt' }).waitFor();
  }, 60_000);

  it('reception shows the submission date and the appointment before accepting; deadlines are working days; notes internal by default; online return needs its file', async () => {
    const app = journey.e2e().ctx.app;
    const citizen = await login(app, 'congdan');
    const code = await submitPermit(app, citizen);

    const officer = await as('tiepnhan');
    await officer.goto('/mot-cua/hang-doi/to_receive');
    const table = officer.getByRole('main').getByRole('table');
    await table.getByRole('link', { name: code }).waitFor();
    expect(await table.getByRole('columnheader', { name: /Ngày nộp/ }).count()).toBe(1);
    expect(await table.getByRole('columnheader', { name: /Ngày tiếp nhận/ }).count()).toBe(0);

    await openFromQueue(officer, 'to_receive', code);
    await officer.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    const dialog = officer.getByRole('dialog', { name: 'Tiếp nhận hồ sơ' });
    const preview = dialog.getByText(/Nếu tiếp nhận lúc này, hồ sơ được hẹn trả kết quả lúc (.+)\./);
    await preview.waitFor();
    const promised = /lúc (.+)\./.exec((await preview.textContent()) ?? '')?.[1];
    await screenshot(officer, 'office-accept-appointment');
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await dialog.waitFor({ state: 'detached' });
    const dossier = await asSession(
      app,
      await login(app, 'tiepnhan'),
    )({ method: 'GET', url: `/api/dossiers/${code}` });
    const dueAt = dossier.json<{ dueAt: string }>().dueAt;
    // The page formats dates as dd/mm/yyyy hh:mm: the promise is the recorded appointment.
    const [date, time] = [dueAt.slice(0, 10).split('-').reverse().join('/'), dueAt.slice(11, 16)];
    expect(promised).toContain(date);
    expect(promised).toContain(time);

    // Forwarding: a Sunday is greyed out and refused when typed.
    const specialist = await as('chuyenvien.xd');
    await specialist.goto(`/mot-cua/ho-so/${code}`);
    await specialist.getByRole('button', { name: 'Chuyển liên thông', exact: true }).click();
    const forward = specialist.getByRole('dialog', { name: 'Chuyển liên thông' });
    let sunday = addDays(vietnamDate(new Date()), 7);
    while (weekday(sunday) !== 0) sunday = addDays(sunday, 1);
    const typed = sunday.split('-').reverse().join('/');
    const deadline = forward.getByLabel('Thời hạn cho cơ quan phối hợp');
    await deadline.fill(typed);
    await forward.getByText(`Ngày ${typed} là ngày nghỉ (Chủ nhật); hãy chọn một ngày làm việc.`).waitFor();
    await screenshot(specialist, 'office-forward-day-off');
    await forward.getByRole('button', { name: 'Hủy' }).click();

    // Sending for approval with a note: internal unless ticked (the checkbox starts unticked).
    await officerAction(specialist, 'Trình lãnh đạo phê duyệt', async (form) => {
      expect(
        await form.getByRole('checkbox', { name: 'Cho người nộp hồ sơ xem ghi chú này' }).isChecked(),
      ).toBe(false);
      await form.getByLabel('Ghi chú (không bắt buộc)').fill('Ghi chú nội bộ cho lãnh đạo');
    });
    const mine = await asSession(app, citizen)({ method: 'GET', url: `/api/dossiers/${code}` });
    expect(mine.body).not.toContain('Ghi chú nội bộ cho lãnh đạo');

    await asSession(
      app,
      await login(app, 'lanhdao.xd'),
    )({
      method: 'POST',
      url: `/api/dossiers/${code}/actions`,
      payload: { type: 'approve' },
    });
    // Returning online without a file: the form says what is missing, and nothing is recorded.
    await officer.goto(`/mot-cua/ho-so/${code}`);
    await officer.getByRole('button', { name: 'Trả kết quả', exact: true }).click();
    const giveBack = officer.getByRole('dialog', { name: 'Trả kết quả' });
    // The applicant asked for the result at the counter (the default); the officer returns it online.
    await giveBack.getByRole('combobox', { name: 'Hình thức trả kết quả' }).click();
    await officer.getByRole('option', { name: 'Trực tuyến (tệp điện tử)' }).click();
    await giveBack.getByRole('button', { name: 'Xác nhận' }).click();
    await giveBack
      .getByText(/Trả kết quả trực tuyến cần tệp kết quả điện tử/)
      .first()
      .waitFor();
    await screenshot(officer, 'office-return-needs-file');
    expect(journey.e2e().consoleErrors).toEqual([]);
  }, 180_000);
});
