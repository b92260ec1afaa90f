/**
 * The agency's signature (NĐ 30/2020 Điều 15, 16, 33.2; Phụ lục I II.8), by the văn thư, only
 * once the competent person has signed: the next number of the series and the date stamped into
 * their blanks, the red seal over the left third of the signer's image, each separate attachment
 * signed at the top right with số/ký hiệu and the signing time, then the validation data
 * (PAdES-B-LT). The number must be in the PDF before it is sealed, so the series stays locked
 * while the seal is made (a round trip to the TSA when TSA_URL is an external one).
 */
import {
  formatDocumentNumber,
  numberAndNotation,
  outgoingSeries,
  promulgationDateWords,
} from '@tayninh/domain/documents/notation';
import { documentKind } from '@tayninh/domain/documents/types';
import { conflict, unprocessable } from '../../../http/errors';
import {
  addValidationData,
  sealAppearance,
  sealRectFor,
  signPdf,
  stampAppearance,
  textAppearance,
  topRightRect,
} from '../../../lib/pades';
import { formatVietnamIso, vietnamDate } from '../../../lib/time';
import type { Principal } from '../../auth';
import { validationDataOf } from '../../trust';
import type { DocumentLayout } from '../compose';
import type { LoadedDocument } from '../load';
import { currentAttachments, filesOf, readFileBytes, saveFile } from '../store/files';
import { appendEvents } from '../store/history';
import { withWords } from '@tayninh/domain/documents/search';
import { takeNumber } from '../store/numbering';
import { settingsOf } from '../store/settings';
import { actorOf } from './record';
import { heldSigner, recordSignature, type SigningContext, type TimedSigner } from './signing';

/** A separate attachment signed by the agency: top right of page 1, số/ký hiệu and the time, no image. */
function sealAttachment(
  bytes: Uint8Array,
  position: number,
  numberText: string,
  at: Date,
  signer: TimedSigner,
) {
  const lines = [numberText, formatVietnamIso(at)];
  return signPdf(
    bytes,
    {
      fieldName: `co-quan-ban-hanh-phu-luc-${position}`,
      signingTime: at,
      reason: 'Ký số của cơ quan, tổ chức trên tệp đính kèm',
      widget: {
        page: 0,
        rect: (pen, size) => topRightRect(pen, size.width, size.height, lines),
        draw: (pen, rect) => textAppearance(pen, rect, lines),
      },
    },
    signer.sign,
  );
}

/** `number-and-seal`: the văn thư numbers the signed document and signs it with the agency's key. */
export async function numberAndSeal(ctx: SigningContext, principal: Principal, loaded: LoadedDocument) {
  const { row } = loaded;
  const id = Number(row.id);
  const agencyId = Number(row.unit_id);
  const at = new Date();
  const signer = await heldSigner(
    ctx,
    { unitId: agencyId },
    'seal',
    conflict(
      'no_agency_seal',
      'Cơ quan chưa có khóa ký số của cơ quan, tổ chức trên hệ thống.',
      'The agency has no seal key on the platform.',
    ),
    at,
  );
  const settings = await settingsOf(ctx.db, agencyId);
  if (!settings)
    throw unprocessable(
      'no_document_settings',
      'Cơ quan chưa được thiết lập sổ và ký hiệu văn bản.',
      'The agency has no document settings.',
    );
  const list = await filesOf(ctx.db, id);
  const signedFile = list.findLast((f) => f.role === 'signed');
  if (!signedFile?.layout)
    throw conflict(
      'not_signed',
      'Văn bản chưa có chữ ký số của người có thẩm quyền.',
      'The competent person has not signed.',
    );
  const layout = signedFile.layout as DocumentLayout;
  const [signedPdf, attachments, agency, validation] = await Promise.all([
    readFileBytes(ctx.files, signedFile.sha256),
    Promise.all(
      currentAttachments(list, loaded.state.version).map(async (file) => ({
        file,
        bytes: await readFileBytes(ctx.files, file.sha256),
      })),
    ),
    ctx.db.selectFrom('units_view').select('name').where('id', '=', agencyId).executeTakeFirstOrThrow(),
    // B-LT covers both signatures: the competent person's certificate and the seal's.
    ctx.db
      .selectFrom('document_signatures')
      .select('certificate_fingerprint')
      .where('document_id', '=', id)
      .where('kind', '=', 'person')
      .execute()
      .then((rows) =>
        validationDataOf(ctx.db, [signer.seal.fingerprint, ...rows.map((r) => r.certificate_fingerprint)]),
      ),
  ]);
  const kind = documentKind(row.kind)!;
  const series = outgoingSeries(
    { kind: row.kind, secrecy: row.secrecy, body: row.advisory_body },
    settings.administrativeSeries,
  );
  const issuedDate = vietnamDate(at);
  const sealRect = sealRectFor(layout.signature.rect);

  await ctx.db.transaction().execute(async (trx) => {
    const { number, year } = await takeNumber(trx, {
      unitId: agencyId,
      series,
      at,
      takenBy: principal.userId,
      documentId: id,
    });
    const codeNumber = formatDocumentNumber(number, kind.group === 'legal' ? year : undefined);
    const numberText = numberAndNotation(codeNumber, layout.codeNotation);
    const sealed = await signPdf(
      signedPdf,
      {
        fieldName: 'co-quan-ban-hanh',
        signingTime: at,
        reason: 'Ký số của cơ quan, tổ chức ban hành',
        location: settings.placeName,
        widget: {
          page: layout.signature.page,
          rect: sealRect,
          draw: (pen) => sealAppearance(pen, sealRect, { name: agency.name, place: settings.placeName }),
        },
        stamps: [
          {
            page: layout.number.page,
            rect: layout.number.rect,
            draw: (pen, rect) =>
              stampAppearance(pen, rect, codeNumber, layout.number.size, 'center', 'regular', layout.erase),
          },
          {
            page: layout.date.page,
            rect: layout.date.rect,
            draw: (pen, rect) =>
              stampAppearance(
                pen,
                rect,
                promulgationDateWords(issuedDate),
                layout.date.size,
                'left',
                'italic',
                layout.erase,
              ),
          },
        ],
      },
      signer.sign,
    );
    const full = await addValidationData(sealed, {
      ...validation,
      certificates: [...validation.certificates, ...signer.seal.chain],
    });
    await appendEvents(
      trx,
      id,
      loaded,
      [
        {
          type: 'numbered_sealed',
          at: at.toISOString(),
          series,
          number,
          codeNumber,
          codeNotation: layout.codeNotation,
          issuedDate,
        },
      ],
      actorOf(principal),
      // The number joins what the document is found by.
      { extra: { search_text: withWords(loaded.row.search_text, numberText) } },
    );
    const files = [
      await saveFile(trx, ctx.files, {
        documentId: id,
        role: 'sealed',
        version: loaded.state.version,
        fileName: `${numberText.replace(/\//g, '_')}.pdf`,
        mediaType: 'application/pdf',
        content: full,
        layout,
        createdBy: principal.userId,
        at,
      }),
    ];
    for (const { file, bytes } of attachments)
      files.push(
        await saveFile(trx, ctx.files, {
          documentId: id,
          role: 'sealed_attachment',
          version: loaded.state.version,
          position: file.position,
          fileName: file.fileName,
          mediaType: 'application/pdf',
          content: await sealAttachment(bytes, file.position, numberText, at, signer),
          createdBy: principal.userId,
          at,
        }),
      );
    for (const file of files)
      await recordSignature(trx, {
        documentId: id,
        kind: 'agency',
        fileId: file.id,
        userId: principal.userId,
        unitId: agencyId,
        signer,
        at,
      });
  });
}
