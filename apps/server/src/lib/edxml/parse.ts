/**
 * Reading edXML packages, leniently where the public samples differ: any order of elements, any
 * prefix bound to the edXML namespace (elements are matched by local name once the root's
 * namespace is checked), dates as yyyy/MM/dd or dd/MM/yyyy, ContentId with or without "cid:",
 * attachments zipped (as the national axis sends them) or not. What the rules need is required,
 * with the element named in the error. A DOCTYPE is refused outright (no entity expansion).
 */
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import {
  EDXML_NS,
  EdxmlError,
  STATUS_CODES,
  type Attachment,
  type BusinessDocType,
  type DocumentRef,
  type Edoc,
  type Organ,
  type StaffInfo,
  type StatusCode,
  type StatusPackage,
} from './types';
import { readDate, readTimestamp } from './wire';

type Node = Record<string, unknown>;

const REPEATED = new Set([
  'To',
  'ResponseFor',
  'TraceHeader',
  'Place',
  'Appendix',
  'Reference',
  'Attachment',
  'Receiver',
  'ReplacementInfo',
]);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name, jpath) => REPEATED.has(name) || String(jpath).endsWith('OrganIdList.OrganId'),
});

/** The package as a tree, after checking it is edXML (its root in the edXML namespace). */
function tree(xml: string): Node {
  if (/<!DOCTYPE/i.test(xml)) throw new EdxmlError('Gói tin không được chứa DOCTYPE.');
  const rootTag = /<(?![?!])[^>]*>/.exec(xml)?.[0] ?? '';
  if (!/^<(?:[\w.-]+:)?edXML[\s>]/.test(rootTag) || !rootTag.includes(EDXML_NS))
    throw new EdxmlError(`Gói tin không phải edXML (gốc edXML, không gian tên ${EDXML_NS}).`, 'edXML');
  let parsed: Node;
  try {
    parsed = parser.parse(xml, true) as Node;
  } catch (cause) {
    throw new EdxmlError(
      `Gói tin không phải XML hợp lệ: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
  return (parsed.edXML ?? {}) as Node;
}

function child(parent: Node | undefined, name: string): Node | undefined {
  const value = parent?.[name];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;
}

function list(parent: Node | undefined, name: string): Node[] {
  const value: unknown = parent?.[name];
  return Array.isArray(value)
    ? (value as unknown[]).map((v): Node =>
        typeof v === 'object' && v !== null ? (v as Node) : { '#text': v },
      )
    : [];
}

function text(parent: Node | undefined, name: string): string | null {
  // A name repeated elsewhere (Place in ToPlaces) comes as a list here too: its first value.
  const found = parent?.[name];
  const value: unknown = Array.isArray(found) ? found[0] : found;
  const raw = typeof value === 'object' && value !== null ? (value as Node)['#text'] : value;
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return null;
  const s = String(raw).trim();
  return s === '' ? null : s;
}

function required(parent: Node | undefined, name: string, path: string): string {
  const value = text(parent, name);
  if (value === null) throw new EdxmlError(`Thiếu ${path}/${name}.`, `${path}/${name}`);
  return value;
}

function integer(
  parent: Node | undefined,
  name: string,
  path: string,
  fallback: number | null = null,
): number {
  const value = text(parent, name);
  if (value === null && fallback !== null) return fallback;
  const n = Number(value);
  if (value === null || !Number.isInteger(n))
    throw new EdxmlError(`${path}/${name} phải là số nguyên.`, `${path}/${name}`);
  return n;
}

const flag = (parent: Node | undefined, name: string) =>
  ['1', 'true'].includes((text(parent, name) ?? '').toLowerCase());

function organ(node: Node | undefined, path: string): Organ {
  return {
    organId: required(node, 'OrganId', path),
    organName: text(node, 'OrganName') ?? required(node, 'OrganizationInCharge', path),
    organizationInCharge: text(node, 'OrganizationInCharge'),
    organAdd: text(node, 'OrganAdd'),
    email: text(node, 'Email'),
    telephone: text(node, 'Telephone'),
    fax: text(node, 'Fax'),
    website: text(node, 'Website'),
  };
}

function staff(node: Node | undefined): StaffInfo | null {
  if (!node) return null;
  return {
    department: text(node, 'Department') ?? '',
    staff: text(node, 'Staff') ?? '',
    mobile: text(node, 'Mobile'),
    email: text(node, 'Email'),
  };
}

function documentRef(node: Node | undefined, path: string): DocumentRef {
  return {
    organId: required(node, 'OrganId', path),
    code: required(node, 'Code', path),
    promulgationDate: readDate(required(node, 'PromulgationDate', path), `${path}/PromulgationDate`),
    documentId: required(node, 'DocumentId', path),
  };
}

const contentId = (value: string) => value.replace(/^cid:/i, '').replace(/^<|>$/g, '');

function attachmentBytes(encoded: string, name: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.from(encoded.replace(/\s+/g, ''), 'base64'));
  const zipped = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!zipped) return bytes;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new EdxmlError(`Tệp đính kèm ${name}: tệp nén hỏng.`, 'ContentTransferEncoded');
  }
  const entries = Object.entries(files).filter(([path]) => !path.endsWith('/'));
  const found = entries.find(([path]) => path === name) ?? entries[0];
  if (!found || entries.length !== 1)
    throw new EdxmlError(`Tệp đính kèm ${name}: tệp nén phải chứa đúng một tệp.`, 'ContentTransferEncoded');
  return found[1];
}

function attachments(root: Node, envelope: Node | undefined): Attachment[] {
  const encoded = list(child(root, 'AttachmentEncoded'), 'Attachment');
  const references = list(child(child(envelope, 'edXMLBody'), 'edXMLManifest'), 'Reference');
  const result = encoded.map((a): Attachment => {
    const id = contentId(required(a, 'ContentId', 'Attachment'));
    const name = text(a, 'AttachmentName') ?? text(a, 'Description') ?? id;
    const content = required(a, 'ContentTransferEncoded', 'Attachment');
    return {
      contentId: id,
      name,
      description: text(a, 'Description'),
      contentType: text(a, 'ContentType') ?? 'application/octet-stream',
      content: attachmentBytes(content, name),
    };
  });
  for (const r of references) {
    const id = contentId(required(r, 'ContentId', 'edXMLManifest/Reference'));
    if (!result.some((a) => a.contentId === id))
      throw new EdxmlError(
        `Danh mục tệp nêu ${id} nhưng gói tin không có tệp này.`,
        'edXMLManifest/Reference',
      );
  }
  return result;
}

/** Which kind of package this is: a document (edoc) or a status. */
export function packageKind(xml: string): 'edoc' | 'status' {
  const header = child(child(child(tree(xml), 'edXMLEnvelope'), 'edXMLHeader'), 'MessageHeader');
  return text(header, 'StatusCode') !== null ? 'status' : 'edoc';
}

export function parseEdoc(xml: string): Edoc {
  const root = tree(xml);
  const envelope = child(root, 'edXMLEnvelope');
  const header = child(envelope, 'edXMLHeader');
  const m = child(header, 'MessageHeader');
  if (!m) throw new EdxmlError('Thiếu MessageHeader.', 'MessageHeader');
  const to = list(m, 'To');
  if (to.length === 0) throw new EdxmlError('Thiếu MessageHeader/To.', 'MessageHeader/To');
  const code = child(m, 'Code');
  const promulgation = child(m, 'PromulgationInfo');
  const type = child(m, 'DocumentType');
  const signer = child(m, 'SignerInfo');
  const other = child(m, 'OtherInfo');
  const priority = integer(other, 'Priority', 'OtherInfo', 0);
  if (priority < 0 || priority > 4)
    throw new EdxmlError('OtherInfo/Priority phải từ 0 đến 4.', 'OtherInfo/Priority');
  const steering = integer(m, 'SteeringType', 'MessageHeader', 0);
  const traces = child(header, 'TraceHeaderList');
  const b = child(traces, 'Bussiness');
  const docType = integer(b, 'BussinessDocType', 'Bussiness', 0);
  if (![0, 1, 2, 3].includes(docType))
    throw new EdxmlError('Bussiness/BussinessDocType phải là 0, 1, 2 hoặc 3.', 'Bussiness/BussinessDocType');
  const info = child(b, 'BussinessDocumentInfo');
  const replacements = list(child(b, 'ReplacementInfoList'), 'ReplacementInfo');
  const due = text(m, 'DueDate');
  return {
    header: {
      from: organ(child(m, 'From'), 'MessageHeader/From'),
      to: to.map((t) => organ(t, 'MessageHeader/To')),
      documentId: required(m, 'DocumentId', 'MessageHeader'),
      code: {
        codeNumber: required(code, 'CodeNumber', 'Code'),
        codeNotation: required(code, 'CodeNotation', 'Code'),
      },
      promulgation: {
        place: text(promulgation, 'Place') ?? '',
        date: readDate(
          required(promulgation, 'PromulgationDate', 'PromulgationInfo'),
          'PromulgationInfo/PromulgationDate',
        ),
      },
      documentType: {
        type: integer(type, 'Type', 'DocumentType', 0),
        typeDetail: integer(type, 'TypeDetail', 'DocumentType', 0),
        typeName: required(type, 'TypeName', 'DocumentType'),
      },
      subject: required(m, 'Subject', 'MessageHeader'),
      content: text(m, 'Content'),
      signer: {
        competence: text(signer, 'Competence'),
        position: text(signer, 'Position') ?? '',
        fullName: required(signer, 'FullName', 'SignerInfo'),
      },
      dueDate: due ? readDate(due, 'MessageHeader/DueDate') : null,
      toPlaces: list(child(m, 'ToPlaces'), 'Place')
        .map((p) => text(p, '#text') ?? '')
        .filter(Boolean),
      priority: priority as 0 | 1 | 2 | 3 | 4,
      sphereOfPromulgation: text(other, 'SphereOfPromulgation'),
      typerNotation: text(other, 'TyperNotation'),
      promulgationAmount:
        text(other, 'PromulgationAmount') === null ? null : integer(other, 'PromulgationAmount', 'OtherInfo'),
      pageAmount: text(other, 'PageAmount') === null ? null : integer(other, 'PageAmount', 'OtherInfo'),
      appendixes: list(child(other, 'Appendixes'), 'Appendix')
        .map((a) => text(a, '#text') ?? '')
        .filter(Boolean),
      responseFor: list(m, 'ResponseFor').map((r) => documentRef(r, 'ResponseFor')),
      steeringType: ([0, 1, 2].includes(steering) ? steering : 0) as 0 | 1 | 2,
    },
    trace: list(traces, 'TraceHeader').map((t) => ({
      organId: required(t, 'OrganId', 'TraceHeader'),
      timestamp: readTimestamp(required(t, 'Timestamp', 'TraceHeader'), 'TraceHeader/Timestamp'),
    })),
    business: {
      documentId: text(b, 'DocumentId'),
      docType: docType as BusinessDocType,
      reason: text(b, 'BussinessDocReason') ?? '',
      paper: flag(b, 'Paper'),
      staff: staff(child(b, 'StaffInfo')),
      ...(info
        ? {
            update: {
              documentInfo: flag(info, 'DocumentInfo'),
              receivers: flag(info, 'DocumentReceiver'),
              receiverList: list(child(info, 'ReceiverList'), 'Receiver').map((r) => ({
                organId: required(r, 'OrganId', 'Receiver'),
                receiverType: integer(r, 'ReceiverType', 'Receiver', 0),
              })),
            },
          }
        : {}),
      ...(replacements.length > 0
        ? {
            replacements: replacements.map((r) => ({
              documentId: required(r, 'DocumentId', 'ReplacementInfo'),
              organIds: ((child(r, 'OrganIdList')?.OrganId as unknown[] | undefined) ?? []).map(String),
            })),
          }
        : {}),
    },
    attachments: attachments(root, envelope),
  };
}

export function parseStatus(xml: string): StatusPackage {
  const m = child(child(child(tree(xml), 'edXMLEnvelope'), 'edXMLHeader'), 'MessageHeader');
  if (!m) throw new EdxmlError('Thiếu MessageHeader.', 'MessageHeader');
  const code = required(m, 'StatusCode', 'MessageHeader').padStart(2, '0');
  if (!(STATUS_CODES as readonly string[]).includes(code))
    throw new EdxmlError(
      `StatusCode ${code} không có trong QCVN 102 (01–06, 13, 15, 16).`,
      'MessageHeader/StatusCode',
    );
  return {
    from: organ(child(m, 'From'), 'MessageHeader/From'),
    responseFor: documentRef(list(m, 'ResponseFor')[0], 'ResponseFor'),
    staff: staff(child(m, 'StaffInfo')) ?? { department: '', staff: '' },
    statusCode: code as StatusCode,
    description: text(m, 'Description') ?? '',
    timestamp: readTimestamp(required(m, 'Timestamp', 'MessageHeader'), 'MessageHeader/Timestamp'),
  };
}
