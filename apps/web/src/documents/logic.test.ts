import { describe, expect, it } from 'vitest';
import {
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
