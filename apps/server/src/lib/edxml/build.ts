/**
 * Emitting edXML packages, strictly: the elements in the order the national axis' own library
 * writes them (the order its accepted packages have), dates as yyyy/MM/dd, times as
 * "yyyy/MM/dd HH:mm:ss" in Vietnam time, each attachment zipped then base64-encoded and matched
 * to its manifest entry by "cid:…". The root carries the edXML namespace as its default, the
 * envelope binds it again to the prefix edXML, as every sample does (writer.ts keeps the prefix). The package-level XML
 * signature is added afterwards by the sending agency's seal (sign.ts, issue #15).
 */
import { zipSync } from 'fflate';
import {
  EDXML_NS,
  EdxmlError,
  type DocumentRef,
  type Edoc,
  type Organ,
  type StaffInfo,
  type StatusPackage,
} from './types';
import { wireDate, wireTimestamp } from './wire';
import { xmlDocument, XmlNode } from './writer';

type XMLBuilder = XmlNode;

type Value = string | number | boolean | null | undefined;

/** A child edXML:name with text; nothing when the value is absent. */
function leaf(parent: XMLBuilder, name: string, value: Value): void {
  if (value === null || value === undefined) return;
  parent.ele(`edXML:${name}`).txt(typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
}

const node = (parent: XMLBuilder, name: string) => parent.ele(`edXML:${name}`);

function organ(parent: XMLBuilder, name: 'From' | 'To', o: Organ) {
  const el = node(parent, name);
  leaf(el, 'OrganId', o.organId);
  leaf(el, 'OrganizationInCharge', o.organizationInCharge);
  leaf(el, 'OrganName', o.organName);
  leaf(el, 'OrganAdd', o.organAdd);
  leaf(el, 'Email', o.email);
  leaf(el, 'Telephone', o.telephone);
  leaf(el, 'Fax', o.fax);
  leaf(el, 'Website', o.website);
}

function staff(parent: XMLBuilder, s: StaffInfo) {
  const el = node(parent, 'StaffInfo');
  leaf(el, 'Department', s.department);
  leaf(el, 'Staff', s.staff);
  leaf(el, 'Mobile', s.mobile);
  leaf(el, 'Email', s.email);
}

function responseFor(parent: XMLBuilder, r: DocumentRef) {
  const el = node(parent, 'ResponseFor');
  leaf(el, 'OrganId', r.organId);
  leaf(el, 'Code', r.code);
  leaf(el, 'PromulgationDate', wireDate(r.promulgationDate));
  leaf(el, 'DocumentId', r.documentId);
}

/** The root and the envelope's header, shared by both kinds of package. */
function envelope() {
  const root = new XmlNode('edXML').att('xmlns', EDXML_NS);
  const env = root.ele('edXML:edXMLEnvelope').att('xmlns:edXML', EDXML_NS);
  return { root, env, header: node(env, 'edXMLHeader') };
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The edoc package of a document, without its XML signature. */
export function buildEdoc(edoc: Edoc): string {
  const h = edoc.header;
  if (h.to.length === 0) throw new EdxmlError('Gói tin cần ít nhất một nơi nhận (To).', 'To');
  const ids = new Set(edoc.attachments.map((a) => a.contentId));
  if (ids.size !== edoc.attachments.length)
    throw new EdxmlError('Hai tệp đính kèm trùng ContentId.', 'ContentId');
  const { root, env, header } = envelope();
  const message = node(header, 'MessageHeader');
  organ(message, 'From', h.from);
  for (const to of h.to) organ(message, 'To', to);
  leaf(message, 'DocumentId', h.documentId);
  const code = node(message, 'Code');
  leaf(code, 'CodeNumber', h.code.codeNumber);
  leaf(code, 'CodeNotation', h.code.codeNotation);
  const promulgation = node(message, 'PromulgationInfo');
  leaf(promulgation, 'Place', h.promulgation.place);
  leaf(promulgation, 'PromulgationDate', wireDate(h.promulgation.date));
  const type = node(message, 'DocumentType');
  leaf(type, 'Type', h.documentType.type);
  leaf(type, 'TypeDetail', h.documentType.typeDetail);
  leaf(type, 'TypeName', h.documentType.typeName);
  leaf(message, 'Subject', h.subject);
  leaf(message, 'Content', h.content ?? h.subject);
  const signer = node(message, 'SignerInfo');
  leaf(signer, 'Competence', h.signer.competence);
  leaf(signer, 'Position', h.signer.position);
  leaf(signer, 'FullName', h.signer.fullName);
  leaf(message, 'DueDate', h.dueDate ? wireDate(h.dueDate) : null);
  const other = node(message, 'OtherInfo');
  leaf(other, 'Priority', h.priority);
  leaf(other, 'SphereOfPromulgation', h.sphereOfPromulgation);
  leaf(other, 'TyperNotation', h.typerNotation);
  leaf(other, 'PromulgationAmount', h.promulgationAmount);
  leaf(other, 'PageAmount', h.pageAmount);
  leaf(other, 'Direction', 'false');
  if (h.appendixes.length > 0) {
    const appendixes = node(other, 'Appendixes');
    for (const a of h.appendixes) leaf(appendixes, 'Appendix', a);
  }
  for (const r of h.responseFor) responseFor(message, r);
  leaf(message, 'SteeringType', h.steeringType);
  const places = node(message, 'ToPlaces');
  for (const place of h.toPlaces) leaf(places, 'Place', place);

  const traces = node(header, 'TraceHeaderList');
  for (const t of edoc.trace) {
    const trace = node(traces, 'TraceHeader');
    leaf(trace, 'OrganId', t.organId);
    leaf(trace, 'Timestamp', wireTimestamp(t.timestamp));
  }
  const b = edoc.business;
  const business = node(traces, 'Bussiness');
  leaf(business, 'DocumentId', b.documentId);
  leaf(business, 'BussinessDocType', b.docType);
  leaf(business, 'BussinessDocReason', b.reason);
  leaf(business, 'Paper', b.paper);
  if (b.update) {
    const info = node(business, 'BussinessDocumentInfo');
    leaf(info, 'DocumentInfo', b.update.documentInfo);
    leaf(info, 'DocumentReceiver', b.update.receivers);
    const list = node(info, 'ReceiverList');
    for (const r of b.update.receiverList) {
      const receiver = node(list, 'Receiver');
      leaf(receiver, 'OrganId', r.organId);
      leaf(receiver, 'ReceiverType', r.receiverType);
    }
  }
  if (b.staff) staff(business, b.staff);
  if (b.replacements && b.replacements.length > 0) {
    const list = node(business, 'ReplacementInfoList');
    for (const r of b.replacements) {
      const info = node(list, 'ReplacementInfo');
      leaf(info, 'DocumentId', r.documentId);
      const organs = node(info, 'OrganIdList');
      for (const id of r.organIds) leaf(organs, 'OrganId', id);
    }
  }

  const manifest = node(node(env, 'edXMLBody'), 'edXMLManifest').att('version', '1.0');
  for (const a of edoc.attachments) {
    const reference = node(manifest, 'Reference');
    leaf(reference, 'ContentId', `cid:${a.contentId}`);
    leaf(reference, 'ContentType', a.contentType);
    leaf(reference, 'Description', a.description ?? a.name);
    leaf(reference, 'AttachmentName', a.name);
  }
  const encoded = root.ele('AttachmentEncoded');
  for (const a of edoc.attachments) {
    const attachment = encoded.ele('Attachment');
    attachment.ele('ContentId').txt(`cid:${a.contentId}`);
    attachment.ele('AttachmentName').txt(a.name);
    attachment.ele('Description').txt(a.description ?? a.name);
    attachment.ele('ContentType').txt(a.contentType);
    attachment
      .ele('edXML:ContentTransferEncoded')
      .att('xmlns:edXML', EDXML_NS)
      .txt(base64(zipSync({ [a.name]: a.content }, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') })));
  }
  return xmlDocument(root);
}

/** A status package: what the receiver did with a document (01 arrived … 06 completed, 13/15/16). */
export function buildStatus(status: StatusPackage): string {
  const { root, header } = envelope();
  const message = node(header, 'MessageHeader');
  organ(message, 'From', status.from);
  responseFor(message, status.responseFor);
  staff(message, status.staff);
  leaf(message, 'StatusCode', status.statusCode);
  leaf(message, 'Description', status.description);
  leaf(message, 'Timestamp', wireTimestamp(status.timestamp));
  return xmlDocument(root);
}
