/**
 * The one-stop journey in the browser, from a citizen's online submission to the rating:
 * the receiving officer asks for a supplement, the citizen supplements, the officer accepts;
 * Sở Xây dựng assigns and forwards a task to Sở Tư pháp, which completes it; the leader
 * approves; the result is returned as a file; the citizen downloads it and rates the service.
 * Along the way: an officer of another agency cannot see the dossier until a task is routed to
 * it, and every main page passes axe-core.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, PHONE, screenshot, useJourney } from './harness';
import { officerAction, openFromQueue, pdfFile, submitPermitOnline, workingDate } from './flows';

const journey = useJourney();
const as = journey.as;

describe('one-stop journey in Chromium', () => {
  let code = '';

  it('a citizen submits a building permit online', async () => {
    const citizen = await as('congdan');
    code = await submitPermitOnline(citizen, 'journey');
    await expectAccessible(citizen, 'confirmation page');
  }, 120_000);

  it('the receiving officer asks for a supplement; the citizen supplements; the officer accepts', async () => {
    const officer = await as('tiepnhan');
    await openFromQueue(officer, 'to_receive', code);
    await screenshot(officer, 'office-dossier-submitted');
    await expectAccessible(officer, 'dossier page (officer)');
    await officerAction(officer, 'Yêu cầu bổ sung hồ sơ', async (dialog) => {
      await dialog
        .getByLabel('Các nội dung cần bổ sung (mỗi dòng một nội dung)')
        .fill('Bản vẽ thiết kế xây dựng\nGiấy tờ chứng minh quyền sử dụng đất');
    });

    const citizen = await as('congdan');
    await citizen.goto(`/ho-so-cua-toi/${code}`);
    await citizen.getByRole('heading', { name: 'Bổ sung hồ sơ' }).waitFor();
    await citizen.getByText('Bản vẽ thiết kế xây dựng').first().waitFor();
    await citizen.getByLabel('Chọn tệp bổ sung').setInputFiles(pdfFile('ban-ve-thiet-ke.pdf'));
    await citizen.getByText('ban-ve-thiet-ke.pdf').first().waitFor();
    await screenshot(citizen, 'citizen-supplement');
    await expectAccessible(citizen, 'my dossier, supplement requested');
    await citizen.getByRole('button', { name: 'Gửi hồ sơ bổ sung' }).click();
    await citizen.getByRole('heading', { name: 'Bổ sung hồ sơ' }).waitFor({ state: 'detached' });

    await openFromQueue(officer, 'to_receive', code);
    await officer.getByRole('link', { name: 'Xem tệp ban-ve-thiet-ke.pdf' }).waitFor();
    await officerAction(officer, 'Tiếp nhận hồ sơ');
    const receipt = officer.getByRole('link', { name: 'Giấy tiếp nhận và hẹn trả kết quả (PDF)' });
    const response = await officer.request.get((await receipt.getAttribute('href'))!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
  }, 120_000);

  it('an officer of another agency sees nothing of it until a task is routed to it', async () => {
    const other = await as('chuyenvien'); // Sở Tư pháp
    await other.goto('/mot-cua/hang-doi/all');
    await other.getByRole('heading', { level: 1 }).waitFor();
    await other
      .getByText(/\d+ hồ sơ/)
      .first()
      .waitFor();
    expect(await other.getByRole('main').getByRole('link', { name: code }).count()).toBe(0);
    await other.goto(`/mot-cua/ho-so/${code}`);
    await other.getByRole('alert').first().waitFor();
    // The page says it cannot be found, and shows none of its data.
    expect(await other.getByRole('alert').first().textContent()).toMatch(/Không tìm thấy|không có quyền/i);
    expect(await other.getByRole('region', { name: 'Thông tin chung' }).count()).toBe(0);
    expect(await other.getByText('Nhà ở riêng lẻ 3 tầng').count()).toBe(0);
    await screenshot(other, 'office-other-agency-denied');
  }, 60_000);

  it('Sở Xây dựng assigns and forwards a task to Sở Tư pháp, which completes it', async () => {
    const leader = await as('lanhdao.xd');
    await openFromQueue(leader, 'to_process', code);
    await officerAction(leader, 'Phân công xử lý', async (dialog) => {
      await dialog.getByRole('combobox', { name: 'Chuyên viên được giao xử lý' }).click();
      await leader.getByRole('option', { name: /Phạm Quốc Bảo/ }).click();
    });

    const specialist = await as('chuyenvien.xd');
    await openFromQueue(specialist, 'to_process', code);
    await officerAction(specialist, 'Chuyển liên thông', async (dialog) => {
      // Only departments in force today are offered: Sở Tài nguyên và Môi trường closed on
      // 1/3/2025 (merged into Sở Nông nghiệp và Môi trường).
      await dialog.getByRole('combobox', { name: 'Cơ quan phối hợp' }).fill('Môi trường');
      await specialist.getByRole('option', { name: 'Sở Nông nghiệp và Môi trường' }).waitFor();
      expect(await specialist.getByRole('option', { name: 'Sở Tài nguyên và Môi trường' }).count()).toBe(0);
      await dialog.getByRole('combobox', { name: 'Cơ quan phối hợp' }).fill('Sở Tư pháp');
      await specialist.getByRole('option', { name: 'Sở Tư pháp' }).click();
      await dialog
        .getByLabel('Nội dung cần cơ quan phối hợp thực hiện')
        .fill('Xác minh thông tin nhân thân của người đề nghị');
      await dialog.getByLabel('Thời hạn cho cơ quan phối hợp').fill(await workingDate(specialist, 8));
      await specialist.keyboard.press('Tab');
    });

    const other = await as('chuyenvien');
    await openFromQueue(other, 'tasks', code);
    await screenshot(other, 'office-task-received');
    await officerAction(other, 'Hoàn thành nhiệm vụ liên thông', async (dialog) => {
      await dialog.getByLabel('Ghi chú (không bắt buộc)').fill('Thông tin nhân thân chính xác.');
    });
  }, 120_000);

  it('the specialist sends it for approval, the leader approves, the result is returned as a file', async () => {
    // Back from Sở Tư pháp: listed in Sở Xây dựng's "returned by other agencies" queue.
    const specialist = await as('chuyenvien.xd');
    await openFromQueue(specialist, 'tasks_returned', code);
    await officerAction(specialist, 'Trình lãnh đạo phê duyệt');

    const leader = await as('lanhdao.xd');
    await openFromQueue(leader, 'to_approve', code);
    await officerAction(leader, 'Phê duyệt');

    const officer = await as('tiepnhan');
    await openFromQueue(officer, 'to_return', code);
    await officerAction(officer, 'Trả kết quả', async (dialog) => {
      await dialog.locator('input[type=file]').setInputFiles(pdfFile('giay-phep-xay-dung.pdf'));
    });
    await officer.getByRole('link', { name: 'Xem tệp giay-phep-xay-dung.pdf' }).waitFor();
    await officer.getByRole('table', { name: 'Các lần giao, nhận hồ sơ và kết quả từng bước' }).waitFor();
    await screenshot(officer, 'office-dossier-returned');
  }, 120_000);

  it('the citizen tracks it, downloads the result and rates the service once', async () => {
    const anonymous = await journey.e2e().newPage({ viewport: PHONE });
    await anonymous.goto('/tra-cuu');
    await anonymous.getByLabel('Mã hồ sơ').fill(code);
    await anonymous.getByRole('button', { name: 'Tra cứu' }).click();
    await anonymous.getByRole('heading', { name: 'Kết quả tra cứu' }).waitFor();
    await expect.poll(() => anonymous.getByTestId('tracked-code').textContent()).toContain(code);
    await anonymous.getByText('Đã trả kết quả').first().waitFor();
    // No personal data on the public lookup.
    expect(await anonymous.getByText('Võ Thị Ngọc Ánh').count()).toBe(0);
    await screenshot(anonymous, 'portal-track-returned-375');
    await expectAccessible(anonymous, 'track page');

    const citizen = await as('congdan');
    await citizen.goto(`/ho-so-cua-toi/${code}`);
    await citizen.getByRole('heading', { name: 'Kết quả giải quyết' }).waitFor();
    const result = citizen.getByRole('link', { name: 'Tải kết quả: giay-phep-xay-dung.pdf' });
    const download = await citizen.request.get((await result.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The evidence of each step, sealed and signed: the browser checks every inclusion proof.
    await journey.e2e().sealEvidence();
    await citizen.reload();
    const evidence = citizen.getByRole('region', { name: 'Chứng cứ điện tử của quá trình giải quyết' });
    await evidence.getByText('Đã kiểm chứng').first().waitFor();
    const steps = await evidence.getByRole('row').count();
    expect(await evidence.getByText('Đã kiểm chứng').count()).toBe(steps - 1);
    expect(await evidence.getByText('Không khớp').count()).toBe(0);

    await citizen.getByRole('heading', { name: 'Đánh giá mức độ hài lòng' }).waitFor();
    // Sent unanswered: the error summary names the four questions, takes the focus, and each
    // link goes to its question.
    await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
    const summary = citizen.getByTestId('error-summary');
    await summary.getByRole('heading', { name: 'Có lỗi cần sửa' }).waitFor();
    expect(await summary.getByRole('link').count()).toBe(4);
    await expect.poll(() => summary.evaluate((box) => box === document.activeElement)).toBe(true);
    await summary.getByRole('link', { name: /^Mức độ hài lòng chung của bạn: / }).click();
    expect(await citizen.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe(
      'radio',
    );
    await citizen.getByRole('radio', { name: 'Không quá 1 lần' }).check();
    await citizen.getByRole('radio', { name: '2 cơ quan' }).check();
    await citizen.getByRole('radio', { name: 'Đúng mực, tận tình' }).check();
    await citizen.getByRole('radio', { name: 'Hài lòng', exact: true }).check();
    await citizen.getByLabel('Góp ý thêm (không bắt buộc)').fill('Cán bộ hướng dẫn <b>rõ ràng</b>.');
    await screenshot(citizen, 'citizen-rating');
    await expectAccessible(citizen, 'my dossier, returned');
    await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await citizen.getByText(/Bạn đã đánh giá hồ sơ này lúc/).waitFor();
    expect(await citizen.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    await screenshot(citizen, 'citizen-dossier-rated');
  }, 120_000);

  it('the pages reported no script errors and no CSP violations', () => {
    expect(journey.e2e().consoleErrors).toEqual([]);
  });
});
