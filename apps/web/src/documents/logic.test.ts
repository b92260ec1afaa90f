import { describe, expect, it } from 'vitest';
import {
  carriedSignatures,
  currentFiles,
  listFiltersToParams,
  listQuery,
  needsForm,
  orderedActions,
  parseListFilters,
  registerOfPath,
} from './logic';

describe('the documents list in the URL', () => {
  it('reads what it wrote, and drops what does not belong to the register', () => {
    const filters = { q: 'kiến trúc', status: 'awaiting_direction', year: 2026, page: 3 };
    expect(parseListFilters(listFiltersToParams(filters), 'incoming')).toEqual(filters);
    // An outgoing status in the incoming register, a year out of range, a page of zero: ignored.
    const odd = new URLSearchParams('status=drafting&year=1800&page=0&q=x');
    expect(parseListFilters(odd, 'incoming')).toEqual({ q: 'x', status: '', year: null, page: 1 });
  });

  it('asks the server only for what is set', () => {
    expect(listQuery('outgoing', { q: ' ', status: '', year: null, page: 1 }, 20)).toEqual({
      register: 'outgoing',
      page: 1,
      pageSize: 20,
    });
  });

  it('knows its registers by their Vietnamese paths', () => {
    expect(registerOfPath('di')).toBe('outgoing');
    expect(registerOfPath('den')).toBe('incoming');
    expect(registerOfPath('x')).toBeNull();
  });
});

describe('the action buttons', () => {
  it('put the way forward first and the way back last, never the signer program’s step', () => {
    expect(orderedActions(['return', 'attach-signature', 'sign', 'prepare-signature'])).toEqual([
      'sign',
      'prepare-signature',
      'return',
    ]);
  });

  it('open a form only where the server needs more than the action', () => {
    expect(needsForm('issue')).toBe(false);
    expect(needsForm('direct')).toBe(true);
    expect(needsForm('sign')).toBe(true);
  });
});

describe('the files as they stand', () => {
  const file = (id: number, role: string, version: number, position = 0) => ({
    id,
    role,
    version,
    position,
    fileName: `${id}.pdf`,
    sizeBytes: 1,
  });
  it('show the current draft and its attachments, then the sealed ones in their place', () => {
    const drafts = [
      file(1, 'draft', 1),
      file(2, 'draft', 2),
      file(3, 'attachment', 1, 1),
      file(4, 'attachment', 2, 1),
    ];
    expect(currentFiles(drafts, 2).map((f) => f.id)).toEqual([2, 4]);
    const sealed = [
      ...drafts,
      file(5, 'signed', 2),
      file(6, 'sealed', 2),
      file(7, 'sealed_attachment', 2, 1),
    ];
    expect(currentFiles(sealed, 2).map((f) => f.id)).toEqual([6, 7]);
  });
});

describe('a carried-over document’s signatures', () => {
  it('names what the previous software recorded', () => {
    const of = (personSigned: boolean, agencySigned: boolean) =>
      carriedSignatures({ personSigned, agencySigned });
    expect([of(true, true), of(true, false), of(false, true), of(false, false)]).toEqual([
      'both',
      'person',
      'agency',
      'none',
    ]);
  });
});
