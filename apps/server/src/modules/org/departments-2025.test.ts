import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AGENCY_CODES_2020,
  REORGANISATION_2025,
  reorganisationProblems,
  type ReorganisationData,
} from '../../db/seed/departments-2025';
import { problem, startTestApp, type TestContext } from '../../test/harness';

const MERGED = [
  'Sở Kế hoạch và Đầu tư',
  'Sở Giao thông Vận tải',
  'Sở Tài nguyên và Môi trường',
  'Sở Nông nghiệp và Phát triển nông thôn',
  'Sở Thông tin và Truyền thông',
  'Sở Lao động - Thương binh và Xã hội',
];

describe('the 2025 reorganisation data (departments-2025.json)', () => {
  const known = new Map([...AGENCY_CODES_2020, ['000.00.00.H39', { validFrom: '2000-01-01' }]]);

  it('is consistent: every unit and source it names exists, successors are open on the day', () => {
    expect(reorganisationProblems(REORGANISATION_2025, known)).toEqual([]);
  });

  it('closes each of the six merged departments on 1/3/2025 with a legal basis', () => {
    const closedOn = new Map(REORGANISATION_2025.closures.map((c) => [c.unit, c]));
    for (const code of ['000.00.04', '000.00.05', '000.00.07', '000.00.10', '000.00.12', '000.00.13']) {
      const closure = closedOn.get(`${code}.H53`)!;
      expect(closure.closedOn).toBe('2025-03-01');
      expect(closure.legalBasis).toContain('NĐ 45/2025/NĐ-CP');
    }
  });

  it('finds what is wrong with inconsistent data', () => {
    const broken: ReorganisationData = structuredClone(REORGANISATION_2025);
    // A successor closed on the day of the closure, an unknown source, a split "whole" succession.
    broken.closures.push({
      unit: 'la/ngoai-vu',
      closedOn: '2025-03-01',
      successors: [
        { unit: '000.00.12.H53', whole: true },
        { unit: '000.00.09.H53', whole: true },
      ],
      legalBasis: 'x',
      evidence: ['no-such-source'],
    });
    const problems = reorganisationProblems(broken, known);
    expect(problems).toEqual(
      expect.arrayContaining([
        'closure of la/ngoai-vu: closed twice',
        'closure of la/ngoai-vu: a whole succession has one successor',
        'closure of la/ngoai-vu: unknown source no-such-source',
        'closure of la/ngoai-vu: 000.00.12.H53 is not open on 2025-03-01',
      ]),
    );
  });
});

describe('departments in force per date (GET /api/units?kind=department&at=…)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(async () => ctx.close());

  const departments = async (query: string) => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/units?kind=department&pageSize=100&${query}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: Array<{ id: number; name: string; validUntil: string | null }> }>().items;
  };
  const names = async (query: string) => (await departments(query)).map((unit) => unit.name);

  it("today's list has the merged departments' successors, not the merged departments", async () => {
    const today = await names('');
    expect(today).toEqual(expect.arrayContaining(['Sở Nông nghiệp và Môi trường', 'Sở Dân tộc và Tôn giáo']));
    expect(today).toEqual(expect.arrayContaining(['Sở Tài chính', 'Sở Xây dựng', 'Sở Nội vụ', 'Sở Tư pháp']));
    for (const name of MERGED) expect(today).not.toContain(name);
    expect(today.filter((name) => name.endsWith('tỉnh Long An'))).toEqual([]);
    // 12 sở besides Văn phòng UBND tỉnh (an office): NĐ 150/2025 allows 14 with it and Thanh tra.
    expect(today).toHaveLength(13);
  });

  it('answers per date: 2024, the day of the mergers, the day of the provinces merger', async () => {
    const in2024 = await names('at=2024-06-30');
    for (const name of MERGED) expect(in2024).toContain(name);
    expect(in2024).not.toContain('Sở Nông nghiệp và Môi trường');
    expect(in2024).toContain('Sở Tài nguyên và Môi trường tỉnh Long An');

    const lastDay = await names('at=2025-02-28');
    expect(lastDay).toContain('Sở Tài nguyên và Môi trường');
    const firstDay = await names('at=2025-03-01');
    expect(firstDay).not.toContain('Sở Tài nguyên và Môi trường');
    expect(firstDay).toEqual(
      expect.arrayContaining(['Sở Nông nghiệp và Môi trường', 'Sở Nông nghiệp và Môi trường tỉnh Long An']),
    );
    expect(firstDay).not.toContain('Sở Dân tộc và Tôn giáo');

    const merged = await names('at=2025-07-01');
    expect(merged.filter((name) => name.endsWith('tỉnh Long An'))).toEqual([]);
    expect(merged).toContain('Sở Dân tộc và Tôn giáo');
  });

  it('lists the departments in force during a period (from, to), and everything with includeClosed', async () => {
    const in2025 = await names('from=2025-01-01&to=2025-12-31');
    expect(in2025).toEqual(expect.arrayContaining([...MERGED, 'Sở Nông nghiệp và Môi trường']));
    const in2026 = await names('from=2026-01-01&to=2026-12-31');
    for (const name of MERGED) expect(in2026).not.toContain(name);
    const all = await names('includeClosed=true');
    expect(all).toEqual(expect.arrayContaining([...MERGED, 'Sở Nông nghiệp và Môi trường']));
  });

  it('records each closure with its successors, whole or in part, and the legal basis', async () => {
    const [resources] = await departments('at=2024-06-30&q=000.00.12.H53');
    const detail = (await ctx.app.inject({ method: 'GET', url: `/api/units/${resources!.id}` })).json<{
      validUntil: string;
      agencyCode: string;
      successors: Array<{ name: string; effectiveDate: string; whole: boolean; legalBasis: string }>;
    }>();
    expect(detail.validUntil).toBe('2025-03-01');
    expect(detail.agencyCode).toBe('000.00.12.H53');
    expect(detail.successors).toEqual([
      expect.objectContaining({
        name: 'Sở Nông nghiệp và Môi trường',
        effectiveDate: '2025-03-01',
        whole: true,
      }),
    ]);
    expect(detail.successors[0]!.legalBasis).toContain('NĐ 45/2025/NĐ-CP');

    const [labour] = await departments('at=2024-06-30&q=000.00.07.H53');
    const split = (await ctx.app.inject({ method: 'GET', url: `/api/units/${labour!.id}` })).json<{
      successors: Array<{ name: string; whole: boolean }>;
    }>();
    expect(split.successors.map((s) => [s.name, s.whole]).sort()).toEqual([
      ['Sở Giáo dục và Đào tạo', false],
      ['Sở Nông nghiệp và Môi trường', false],
      ['Sở Nội vụ', false],
      ['Sở Y tế', false],
    ]);
  });

  it('refuses bad dates with a 400 problem document, outside the calendar’s years 1900–2199 too', async () => {
    expect(await names('at=1900-01-01')).toEqual([]);
    expect(await names('at=2199-12-31')).toContain('Sở Nông nghiệp và Môi trường');
    for (const query of [
      'at=0001-01-01',
      'at=9999-12-31',
      'at=0000-01-01',
      'at=2025-02-30',
      'at=2025-2-1',
      'at=abc',
      'from=2025-01-01',
      'at=2025-01-01&from=2025-01-01&to=2025-02-01',
      'from=2025-03-01&to=2025-01-01',
      'from=0000-12-31&to=2025-01-01',
    ]) {
      for (const path of ['/api/units', '/api/units/tree']) {
        const response = await ctx.app.inject({ method: 'GET', url: `${path}?${query}` });
        expect(response.statusCode, `${path}?${query}`).toBe(400);
        expect(problem(response).detail).toMatch(/[ạảấầậơưđ]/);
      }
    }
  });

  it('gives the tree of a period: the departments closed on 1/3/2025 under the province in 2025', async () => {
    type Node = { name: string; agencyCode: string | null; children: Node[] };
    const roots = (
      await ctx.app.inject({ method: 'GET', url: '/api/units/tree?from=2025-01-01&to=2025-12-31' })
    ).json<Node[]>();
    const province = roots.find((root) => root.agencyCode === '000.00.00.H53')!;
    const children = province.children.map((child) => child.name);
    expect(children).toEqual(
      expect.arrayContaining(['Sở Tài nguyên và Môi trường', 'Sở Nông nghiệp và Môi trường']),
    );
    const now = (await ctx.app.inject({ method: 'GET', url: '/api/units/tree' })).json<Node[]>();
    expect(now.flatMap((root) => root.children.map((c) => c.name))).not.toContain(
      'Sở Tài nguyên và Môi trường',
    );
  });
});
