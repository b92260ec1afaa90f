/**
 * edXML packages (issue #15 §1): what we emit parses back to what we meant, in the axis library's
 * element order, and Debian's `xmllint --schema` accepts it against the schema kept beside the
 * code; the public status sample and a package shaped as the axis delivers one (other order,
 * dd/MM/yyyy, un-namespaced signature, cid: on one side only, zipped PDF) are read; broken packages
 * are refused with the element named, and xmllint agrees on the structural ones.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEdoc, buildStatus } from './build';
import { packageKind, parseEdoc, parseStatus } from './parse';
import { EdxmlError, type Edoc } from './types';
import { documentIdOf, readDate, readTimestamp, wireTimestamp } from './wire';

const here = (name: string) => new URL(name, import.meta.url).pathname;
const XSD = here('edxml.xsd');
const dir = mkdtempSync(join(tmpdir(), 'tn-edxml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Debian's xmllint against our schema: true when it says "validates". */
function xmllint(xml: string): boolean {
  const file = join(dir, `p-${Math.random().toString(36).slice(2)}.edxml`);
  writeFileSync(file, xml);
  return spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' }).status === 0;
}

const PDF = new TextEncoder().encode('%PDF-1.7\n% Quyết định 15/QĐ-SXD\n%%EOF\n');

const edoc = (): Edoc => ({
  header: {
    from: {
      organId: '000.00.16.H53',
      organName: 'Sở Xây dựng',
      organizationInCharge: 'UBND tỉnh Tây Ninh',
      email: 'sxd@tayninh.gov.vn',
    },
    to: [
      { organId: '000.00.00.G12', organName: 'Bộ Xây dựng' },
      { organId: '000.00.02.H39', organName: 'Sở Xây dựng tỉnh Long An (cũ)' },
    ],
    documentId: documentIdOf('000.00.16.H53', '2026-12-08', '15', 'QĐ-SXD'),
    code: { codeNumber: '15', codeNotation: 'QĐ-SXD' },
    promulgation: { place: 'Tây Ninh', date: '2026-12-08' },
    documentType: { type: 2, typeDetail: 0, typeName: 'Quyết định' },
    subject: 'Về việc ban hành Quy chế quản lý kiến trúc & cảnh quan <đô thị>',
    content: null,
    signer: { competence: 'KT. GIÁM ĐỐC', position: 'Phó Giám đốc', fullName: 'Huỳnh Minh Tâm' },
    dueDate: '2026-12-31',
    toPlaces: ['Bộ Xây dựng', 'Lưu: VT, QH'],
    priority: 1,
    sphereOfPromulgation: null,
    typerNotation: null,
    promulgationAmount: 1,
    pageAmount: 3,
    appendixes: ['Phụ lục I'],
    responseFor: [
      {
        organId: '000.00.00.G12',
        code: '120/BXD-QHKT',
        promulgationDate: '2026-11-20',
        documentId: '000.00.00.G12,2026/11/20,120/BXD-QHKT',
      },
    ],
    steeringType: 0,
  },
  trace: [{ organId: '000.00.16.H53', timestamp: '2026-12-08T02:15:30.000Z' }],
  business: {
    documentId: null,
    docType: 0,
    reason: 'Văn bản điện tử mới',
    paper: false,
    staff: {
      department: 'Văn phòng',
      staff: 'Lê Thị Hồng Nhung',
      mobile: '0276000022',
      email: 'vanthu.sxd@tayninh.gov.vn',
    },
  },
  attachments: [
    {
      contentId: 'qd-15',
      name: '15-QD-SXD.pdf',
      description: 'Quyết định',
      contentType: 'application/pdf',
      content: PDF,
    },
    {
      contentId: 'phu-luc-1',
      name: 'Phụ lục I.pdf',
      description: null,
      contentType: 'application/pdf',
      content: PDF.slice(0, 9),
    },
  ],
});

describe('edXML edoc packages', () => {
  it('parse back to what was built, and xmllint accepts them against the schema', () => {
    const built = buildEdoc(edoc());
    expect(packageKind(built)).toBe('edoc');
    const parsed = parseEdoc(built);
    const expected = edoc();
    expect(parsed.header).toEqual({
      ...expected.header,
      content: expected.header.subject,
      from: { ...expected.header.from, organAdd: null, telephone: null, fax: null, website: null },
      to: expected.header.to.map((t) => ({
        ...t,
        organizationInCharge: null,
        organAdd: null,
        email: null,
        telephone: null,
        fax: null,
        website: null,
      })),
    });
    expect(parsed.trace).toEqual(expected.trace);
    expect(parsed.business).toEqual({ ...expected.business, documentId: null });
    expect(parsed.attachments.map((a) => [a.contentId, a.name, Buffer.from(a.content).toString()])).toEqual(
      expected.attachments.map((a) => [a.contentId, a.name, Buffer.from(a.content).toString()]),
    );
    expect(xmllint(built)).toBe(true);
  });

  it('are emitted as the axis library writes them: its order, yyyy/MM/dd, Vietnam time, zipped files', () => {
    const built = buildEdoc(edoc());
    const order = [...built.matchAll(/<edXML:(\w+)>/g)].map((m) => m[1]);
    const top = [
      'From',
      'To',
      'DocumentId',
      'Code',
      'PromulgationInfo',
      'DocumentType',
      'Subject',
      'Content',
      'SignerInfo',
      'DueDate',
      'OtherInfo',
      'ResponseFor',
      'SteeringType',
      'ToPlaces',
    ];
    expect(order.filter((n) => top.includes(n!)).filter((n, i, all) => all.indexOf(n) === i)).toEqual(top);
    expect(built).toContain('<edXML:PromulgationDate>2026/12/08</edXML:PromulgationDate>');
    expect(built).toContain('<edXML:Timestamp>2026/12/08 09:15:30</edXML:Timestamp>');
    expect(built).toContain('<edXML:ContentId>cid:qd-15</edXML:ContentId>');
    expect(built).toMatch(/<edXML:ContentTransferEncoded xmlns:edXML="[^"]+">UEsDB/);
    expect(built).toContain('&amp; cảnh quan &lt;đô thị&gt;');
    expect(
      built.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">',
      ),
    ).toBe(true);
  });

  it('read a package shaped as the axis delivers one', () => {
    const xml = readFileSync(here('samples/edoc_as_received.edxml'), 'utf8');
    expect(xmllint(xml)).toBe(true);
    const parsed = parseEdoc(xml);
    expect(parsed.header).toMatchObject({
      documentId: '000.00.11.H53,2020/10/30,2491/STC-BCTC',
      promulgation: { place: 'Tây Ninh', date: '2020-10-30' },
      dueDate: '2020-11-15',
      documentType: { type: 1, typeName: 'Công văn' },
      steeringType: 1,
      signer: { competence: 'KT. GIÁM ĐỐC', fullName: 'Nguyễn Văn A' },
    });
    expect(parsed.trace).toEqual([{ organId: '000.00.11.H53', timestamp: '2020-10-30T02:15:00.000Z' }]);
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.contentId).toBe('209');
    expect(Buffer.from(parsed.attachments[0]!.content).toString()).toMatch(/^%PDF-1.4/);
  });

  it('refuse a broken package with the element named; xmllint agrees on the structural faults', () => {
    const good = buildEdoc(edoc());
    const cases: Array<[string, string, RegExp, boolean]> = [
      ['priority 7', good.replace('<edXML:Priority>1<', '<edXML:Priority>7<'), /Priority/, false],
      [
        'doc type 5',
        good.replace('<edXML:BussinessDocType>0<', '<edXML:BussinessDocType>5<'),
        /BussinessDocType/,
        false,
      ],
      [
        'bad date',
        good.replace('2026/12/08</edXML:PromulgationDate>', '2026/02/30</edXML:PromulgationDate>'),
        /PromulgationDate/,
        true,
      ],
      ['no To', good.replace(/<edXML:To>[\s\S]*?<\/edXML:To>/g, ''), /To/, true],
      ['missing file', good.replace(/<Attachment>[\s\S]*?<\/Attachment>/, ''), /qd-15/, true],
      [
        'other namespace',
        good.replaceAll('http://www.mic.gov.vn/TBT/QCVN_102_2016', 'urn:other'),
        /edXML/,
        false,
      ],
    ];
    for (const [name, xml, message, schemaValid] of cases) {
      expect(() => parseEdoc(xml), name).toThrow(EdxmlError);
      expect(() => parseEdoc(xml), name).toThrow(message);
      expect(xmllint(xml), name).toBe(schemaValid);
    }
    expect(() =>
      parseEdoc(`<!DOCTYPE x [<!ENTITY a "aaaa">]>${good.slice(good.indexOf('<edXML '))}`),
    ).toThrow(/DOCTYPE/);
  });
});

describe('edXML status packages', () => {
  it('read the public sample, and build what parses back and validates', () => {
    const sample = readFileSync(here('samples/status_processing_05.edxml'), 'utf8');
    expect(packageKind(sample)).toBe('status');
    expect(xmllint(sample)).toBe(true);
    const status = parseStatus(sample);
    expect(status).toMatchObject({
      statusCode: '05',
      description: 'Đang xử lý văn bản đến',
      from: { organId: '000.00.00.H41' },
      responseFor: { code: '7816/VPCP-TTĐT', promulgationDate: '2015-09-30' },
      timestamp: '2015-09-20T04:08:36.000Z',
    });
    const rebuilt = buildStatus(status);
    expect(parseStatus(rebuilt)).toEqual(status);
    expect(xmllint(rebuilt)).toBe(true);
    expect(() => parseStatus(rebuilt.replace('<edXML:StatusCode>05<', '<edXML:StatusCode>09<'))).toThrow(
      /StatusCode/,
    );
  });
});

describe('edXML dates and times', () => {
  it('read yyyy/MM/dd, dd/MM/yyyy and ISO; refuse impossible ones; keep Vietnam time', () => {
    expect(readDate('2026/12/08', 'd')).toBe('2026-12-08');
    expect(readDate('8/12/2026', 'd')).toBe('2026-12-08');
    expect(readDate('2026-12-08', 'd')).toBe('2026-12-08');
    for (const bad of ['2026/13/01', '31/02/2026', '2026.12.08', ''])
      expect(() => readDate(bad, 'd')).toThrow(EdxmlError);
    expect(readTimestamp('2026/12/08 09:15:30', 't')).toBe('2026-12-08T02:15:30.000Z');
    expect(wireTimestamp('2026-12-31T17:00:00Z')).toBe('2027/01/01 00:00:00');
    expect(readTimestamp(wireTimestamp('2026-06-01T23:59:59.000Z'), 't')).toBe('2026-06-01T23:59:59.000Z');
  });
});

// The schema itself is well-formed XML Schema (xmllint compiles it).
execFileSync('xmllint', ['--noout', XSD]);
