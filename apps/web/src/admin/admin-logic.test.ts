import { describe, expect, it, vi } from 'vitest';
import type { Procedure } from './procedure-form';
import type { Unit } from './units-tree';

// lib/format loads i18n, which sets <html lang>; give it a document outside the browser.
vi.hoisted(() => {
  (globalThis as { document?: unknown }).document ??= { documentElement: {} };
});

const { buildTree, filterTree, openOnly, subtreeIds, unitChanges, unitOptions } =
  await import('./units-tree');
const { rebudgetSteps, toFormValues, toWrite, procedureProblems, freeDocumentCode } =
  await import('./procedure-form');
const { dayProblem, putDay, yearWrite } = await import('./calendar-days');
const { parseImportJson, readableLocation, importKind } = await import('./catalogue-import');

const unit = (id: number, name: string, parentId: number | null, validUntil: string | null = null): Unit => ({
  id,
  name,
  parentId,
  validUntil,
  agencyCode: null,
  agencyCodeConfirmed: false,
  adminAreaCode: null,
  kind: 'commune',
  tier: 'commune',
  validFrom: '2000-01-01',
});

describe('unit tree', () => {
  const units = [
    unit(1, 'UBND tỉnh Tây Ninh', null),
    unit(2, 'Huyện Dương Minh Châu', 1, '2025-07-01'),
    unit(3, 'Xã Phước Ninh', 2, '2025-07-01'),
    unit(4, 'Xã Dương Minh Châu', 1),
    unit(5, 'Sở Tư pháp', 1),
  ];

  it('nests units, open ones first, and hides closed ones on request', () => {
    const tree = buildTree(units);
    expect(tree.map((node) => node.unit.id)).toEqual([1]);
    expect(tree[0]!.children.map((node) => node.unit.id)).toEqual([5, 4, 2]);
    const open = openOnly(tree, '2026-01-01');
    expect(open[0]!.children.map((node) => node.unit.id)).toEqual([5, 4]);
  });

  it('filters without accents and keeps the path to a match', () => {
    const found = filterTree(buildTree(units), 'phuoc ninh');
    expect(found[0]!.unit.id).toBe(1);
    expect(found[0]!.children[0]!.children[0]!.unit.name).toBe('Xã Phước Ninh');
  });

  it('knows subtrees, offers open units and reports only changes', () => {
    expect([...subtreeIds(units, 2)].sort()).toEqual([2, 3]);
    expect(unitOptions(units, '2026-01-01').map((option) => option.value)).toEqual(['5', '1', '4']);
    const changes = unitChanges(units[3]!, {
      name: ' Xã Dương Minh Châu ',
      parentId: '5',
      agencyCode: '',
      agencyCodeConfirmed: false,
      adminAreaCode: '',
    });
    expect(changes).toEqual({ parentId: 5 });
  });
});

const procedure: Procedure = {
  code: '1.001193',
  versionId: 7,
  version: 1,
  effectiveFrom: '2025-01-01',
  effectiveUntil: null,
  decision: null,
  name: 'Thủ tục đăng ký khai sinh',
  field: { code: 'ho-tich', name: 'Hộ tịch' },
  levels: ['commune'],
  implementingAgency: 'UBND cấp xã',
  handlingUnit: null,
  onlineLevel: 4,
  onlineClass: 'toan-trinh',
  channels: [
    { channel: 'counter', duration: { amount: 1, unit: 'working-days' }, fees: [] },
    {
      channel: 'online',
      duration: { amount: 1, unit: 'working-days' },
      fees: [{ name: 'Lệ phí', amountVnd: 0 }],
    },
  ],
  documents: [{ code: 'tp1', name: 'Tờ khai', originals: 1, copies: 0, templateUrl: null, required: true }],
  result: 'Giấy khai sinh',
  legalBasis: ['Luật Hộ tịch 2014'],
  subCases: [],
  steps: [
    { code: 'a', name: 'A', role: 'receiving_officer', hours: 1 },
    { code: 'b', name: 'B', role: 'specialist', hours: 6 },
    { code: 'c', name: 'C', role: 'leader', hours: 1 },
  ],
  formSchema: { type: 'object', properties: {} },
  deadlinePolicy: { supplementClock: 'restart' },
  requirements: null,
  notes: null,
};

describe('procedure editor', () => {
  it('round-trips a record unchanged', () => {
    const values = toFormValues(procedure, '2026-03-01');
    expect(values.channels.map((channel) => [channel.channel, channel.enabled])).toEqual([
      ['counter', true],
      ['online', true],
      ['post', false],
    ]);
    const write = toWrite(procedure, { ...values, reason: 'Sửa' });
    expect(write.channels).toEqual(procedure.channels);
    expect(write.steps).toEqual(procedure.steps);
    expect(write).toMatchObject({
      effectiveFrom: '2026-03-01',
      reason: 'Sửa',
      legalBasis: ['Luật Hộ tịch 2014'],
    });
  });

  it('rescales the internal steps when the time limit changes', () => {
    const values = toFormValues(procedure, '2026-03-01');
    values.channels[0]!.amount = 3;
    const steps = toWrite(procedure, values).steps!;
    expect(steps.reduce((sum, step) => sum + step.hours, 0)).toBe(24);
    expect(steps.map((step) => step.hours)).toEqual([3, 18, 3]);
    expect(rebudgetSteps(procedure.steps, 5).reduce((sum, step) => sum + step.hours, 0)).toBe(5);
  });

  it('checks what the server checks', () => {
    const values = toFormValues(procedure, '2026-03-01');
    values.channels[1]!.enabled = false;
    values.channels[0]!.amount = 1.3;
    values.effectiveFrom = '2024-12-31';
    const problems = procedureProblems(values, procedure.effectiveFrom);
    expect(Object.keys(problems).sort()).toEqual([
      'channels.0.amount',
      'effectiveFrom',
      'onlineLevel',
      'reason',
    ]);
    expect(freeDocumentCode([{ code: 'tp2' }])).toBe('tp3');
  });
});

describe('holiday calendar', () => {
  const days = [{ date: '2026-01-01', kind: 'holiday' as const, name: 'Tết Dương lịch', source: 'TB' }];
  it('applies the server rules to a day', () => {
    expect(dayProblem({ date: '2027-01-01', kind: 'holiday' }, 2026, days, null)).toBe('wrongYear');
    expect(dayProblem({ date: '2026-01-01', kind: 'holiday' }, 2026, days, null)).toBe('duplicate');
    expect(dayProblem({ date: '2026-01-01', kind: 'holiday' }, 2026, days, '2026-01-01')).toBeNull();
    expect(dayProblem({ date: '2026-01-12', kind: 'swapped-workday' }, 2026, days, null)).toBe('notWeekend');
    expect(dayProblem({ date: '2026-01-10', kind: 'swapped-workday' }, 2026, days, null)).toBeNull();
  });

  it('edits the list in date order and writes the year', () => {
    const next = putDay(days, { date: '2025-12-31', kind: 'holiday', name: 'X', source: '' }, null);
    expect(next.map((day) => day.date)).toEqual(['2025-12-31', '2026-01-01']);
    const moved = putDay(
      days,
      { date: '2026-01-02', kind: 'compensatory', name: 'Y', source: '' },
      '2026-01-01',
    );
    expect(moved.map((day) => day.date)).toEqual(['2026-01-02']);
    expect(yearWrite(next, { status: 'official', source: ' TB ', reason: ' r ' })).toEqual({
      status: 'official',
      source: 'TB',
      reason: 'r',
      days: [
        { date: '2025-12-31', kind: 'holiday', name: 'X' },
        { date: '2026-01-01', kind: 'holiday', name: 'Tết Dương lịch', source: 'TB' },
      ],
    });
  });
});

describe('catalogue import', () => {
  it('reads files and locations', () => {
    expect(importKind('Danh-muc.XLSX')).toBe('xlsx');
    expect(importKind('a.csv')).toBeNull();
    expect(parseImportJson('\uFEFF[{"code":"1"}]')).toEqual({ ok: true, records: [{ code: '1' }] });
    expect(parseImportJson('{}')).toEqual({ ok: false, problem: 'notList' });
    expect(parseImportJson('[').ok).toBe(false);
    expect(readableLocation('/3/channels/0/duration')).toBe('#4 › channels › 1 › duration');
    expect(readableLocation('Thủ tục!R5/name')).toBe('Thủ tục!R5 › name');
  });
});
