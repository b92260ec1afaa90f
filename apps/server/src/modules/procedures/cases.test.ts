import { describe, expect, it } from 'vitest';
import { checkProcedure, type ProcedureInput } from './model';

const base: ProcedureInput = {
  code: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  field: 'Hộ tịch',
  levels: ['commune'],
  implementingAgency: 'Ủy ban nhân dân cấp xã',
  channels: [
    { channel: 'online', duration: { amount: 1, unit: 'working-days' }, fees: [] },
    { channel: 'counter', duration: { amount: 1, unit: 'working-days' }, fees: [] },
  ],
  documents: [],
  result: 'Giấy khai sinh',
  legalBasis: [],
};

describe('catalogue checks of cases and per-case documents', () => {
  it('accepts documents naming the cases and channels of the procedure', () => {
    const record: ProcedureInput = {
      ...base,
      subCases: [
        { code: 'co-giay', group: 'Giấy tờ chứng minh việc sinh', name: 'Có Giấy chứng sinh' },
        { code: 'bo-roi', group: 'Giấy tờ chứng minh việc sinh', name: 'Trẻ bị bỏ rơi' },
      ],
      documents: [
        { code: 'to-khai', name: 'Tờ khai', originals: 1, copies: 0, channels: ['counter'] },
        { code: 'bien-ban', name: 'Biên bản', originals: 1, copies: 0, cases: ['bo-roi'] },
      ],
    };
    expect(checkProcedure(record)).toEqual([]);
  });

  it('refuses unknown cases, a question with one answer, channels not offered and duplicate case codes', () => {
    const errors = checkProcedure({
      ...base,
      subCases: [
        { code: 'mot', group: 'Ai nộp hồ sơ', name: 'Tự nộp' },
        { code: 'hai', name: 'Khác' },
        { code: 'hai', name: 'Khác nữa' },
      ],
      documents: [
        { code: 'a', name: 'A', originals: 1, copies: 0, cases: ['khong-co'] },
        { code: 'b', name: 'B', originals: 1, copies: 0, channels: ['post'] },
      ],
    });
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ['/subCases', 'duplicate'],
      ['/subCases', 'single_option'],
      ['/documents/0/cases', 'unknown_case'],
      ['/documents/1/channels', 'channel_not_offered'],
    ]);
    expect(errors[1]!.message).toContain('Ai nộp hồ sơ');
  });
});
