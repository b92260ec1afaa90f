/**
 * The evidence log over HTTP. Checkpoints and consistency proofs are public: they hold hashes
 * only, and anyone must be able to check them without trusting this server. An entry's proof is
 * for those who may see the entry: a dossier's actions for who sees them on the dossier's page
 * (the applicant, the officers concerned), audit entries for holders of audit.read.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../platform/context';
import { requirePrincipal } from '../../http/access';
import { notFound } from '../../http/errors';
import { Nullable, problemResponses } from '../../http/schemas';
import { toHex } from '../../lib/merkle';
import { hasPermissionAnywhere, type Principal } from '../auth';
import { visibleActions } from '../dossiers';
import { parseHead } from './head';
import { consistencyProofOf, inclusionProofOf } from './proofs';
import { checkpointBySeq, entriesOfRows, entryById, latestCheckpoint, type CheckpointRow } from './store';

const tags = ['Nhật ký chứng cứ'];
const Hex64 = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Base64 = Type.String({ contentEncoding: 'base64' });

const CheckpointSchema = Type.Object({
  checkpoint: Type.Integer({ description: 'Số thứ tự điểm kiểm, 1, 2, …' }),
  treeSize: Type.Integer(),
  rootHash: Hex64,
  sealedAt: Type.String({ format: 'date-time' }),
  previous: Hex64,
  head: Type.String({ description: 'Đầu cây đã ký (JSON một dòng), đúng như trong chữ ký CMS' }),
  signature: {
    ...Base64,
    description: 'CMS SignedData (DER, base64) bọc đầu cây; openssl cms -verify in ra nó',
  },
  signerFingerprint: Type.String(),
  timestampToken: { ...Base64, description: 'Dấu thời gian RFC 3161 (DER, base64) trên rootHash' },
  timestampAt: Type.String({ format: 'date-time' }),
});
const ProofSchema = Type.Object({
  entryId: Type.Integer(),
  stream: Type.String(),
  streamSeq: Type.Integer(),
  entryHash: Hex64,
  leafIndex: Type.Integer(),
  leafHash: Hex64,
  checkpoint: Type.Integer(),
  treeSize: Type.Integer(),
  rootHash: Hex64,
  auditPath: Type.Array(Hex64),
});
const ConsistencySchema = Type.Object({
  fromCheckpoint: Type.Integer(),
  toCheckpoint: Type.Integer(),
  oldSize: Type.Integer(),
  newSize: Type.Integer(),
  oldRootHash: Hex64,
  newRootHash: Hex64,
  proof: Type.Array(Hex64),
});
const DossierEvidenceSchema = Type.Object({
  code: Type.String(),
  checkpoint: Nullable(CheckpointSchema),
  actions: Type.Array(
    Type.Object({
      actionId: Type.Integer(),
      seq: Type.Integer(),
      type: Type.String(),
      at: Type.String({ format: 'date-time' }),
      entryId: Nullable(Type.Integer()),
      entryHash: Nullable(Hex64),
      proof: Nullable(ProofSchema),
    }),
  ),
});
const Seq = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const CheckpointQuery = Type.Object({ checkpoint: Type.Optional(Seq) }, { additionalProperties: false });

function checkpointJson(row: CheckpointRow) {
  const head = parseHead(row.head);
  return {
    checkpoint: Number(row.seq),
    treeSize: Number(row.tree_size),
    rootHash: toHex(row.root_hash),
    sealedAt: head.sealedAt,
    previous: head.previous,
    head: Buffer.from(row.head).toString('utf8'),
    signature: Buffer.from(row.signature).toString('base64'),
    signerFingerprint: row.signer_fingerprint,
    timestampToken: Buffer.from(row.timestamp_token).toString('base64'),
    timestampAt: new Date(row.timestamp_at).toISOString(),
  };
}

function noCheckpoint() {
  return notFound(
    'điểm kiểm nào (nhật ký chưa được niêm phong lần nào)',
    'Any checkpoint (the log was never sealed)',
  );
}

/** Whether `principal` may see the entry's proof; throws 404 otherwise (never saying it exists). */
async function assertMaySee(
  platform: Platform,
  principal: Principal,
  entry: { entryId: number; source: string; sourceId: number },
): Promise<void> {
  const hidden = notFound(`mục ${entry.entryId} của nhật ký chứng cứ`, `Evidence entry ${entry.entryId}`);
  if (entry.source === 'audit_events') {
    if (!hasPermissionAnywhere(principal, 'audit.read')) throw hidden;
    return;
  }
  // A document's entries are shown with the document (module documents), not here yet.
  if (entry.source !== 'dossier_actions') throw hidden;
  // A dossier action (of its dossier's stream or of the legacy chain): seen with its dossier.
  const action = await platform.db
    .selectFrom('dossier_actions_view')
    .select('dossier_id')
    .where('id', '=', entry.sourceId)
    .executeTakeFirst();
  const visible = action
    ? await visibleActions(platform.db, principal, { dossierId: Number(action.dossier_id) }).catch(() => null)
    : null;
  if (!visible?.actions.some((a) => a.id === entry.sourceId)) throw hidden;
}

export const evidenceRoutes: FastifyPluginAsyncTypebox<Platform> = async (app, platform) => {
  const { db } = platform;
  app.get(
    '/api/evidence/checkpoints/latest',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Điểm kiểm mới nhất của nhật ký chứng cứ: kích thước cây, gốc Merkle, chữ ký số CMS và dấu thời gian',
        response: { 200: CheckpointSchema, ...problemResponses },
      },
    },
    async (_request, reply) => {
      const row = await latestCheckpoint(db);
      if (!row) throw noCheckpoint();
      void reply.header('cache-control', 'no-cache');
      return checkpointJson(row);
    },
  );

  app.get(
    '/api/evidence/checkpoints/:seq',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Một điểm kiểm của nhật ký chứng cứ theo số thứ tự',
        params: Type.Object({ seq: Seq }),
        response: { 200: CheckpointSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const row = await checkpointBySeq(db, request.params.seq);
      if (!row) throw notFound(`điểm kiểm ${request.params.seq}`, `Checkpoint ${request.params.seq}`);
      void reply.header('cache-control', 'public, max-age=86400, immutable');
      return checkpointJson(row);
    },
  );

  app.get(
    '/api/evidence/consistency',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Bằng chứng nhất quán (RFC 9162) giữa hai điểm kiểm: cây sau nối dài cây trước, không sửa gì',
        querystring: Type.Object({ from: Seq, to: Type.Optional(Seq) }, { additionalProperties: false }),
        response: { 200: ConsistencySchema, ...problemResponses },
      },
    },
    async (request) => consistencyProofOf(db, request.query.from, request.query.to),
  );

  app.get(
    '/api/evidence/entries/:id/proof',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Bằng chứng có mặt (RFC 9162) của một mục nhật ký trong một điểm kiểm (mặc định: mới nhất)',
        params: Type.Object({ id: Seq }),
        querystring: CheckpointQuery,
        response: { 200: ProofSchema, ...problemResponses },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const entry = await entryById(db, request.params.id);
      if (!entry)
        throw notFound(
          `mục ${request.params.id} của nhật ký chứng cứ`,
          `Evidence entry ${request.params.id}`,
        );
      await assertMaySee(platform, principal, entry);
      return inclusionProofOf(db, entry, request.query.checkpoint);
    },
  );

  app.get(
    '/api/evidence/dossiers/:code',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary:
          'Chứng cứ của lịch sử một hồ sơ: mỗi bước mình được xem, với bằng chứng có mặt trong điểm kiểm mới nhất',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: { 200: DossierEvidenceSchema, ...problemResponses },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const visible = await visibleActions(db, principal, { code: request.params.code });
      const entries = await entriesOfRows(
        db,
        'dossier_actions',
        visible.actions.map((action) => action.id),
      );
      const latest = await latestCheckpoint(db);
      const actions = [];
      for (const action of visible.actions) {
        const entry = entries.find((e) => e.sourceId === action.id) ?? null;
        const sealed =
          entry !== null &&
          latest !== null &&
          entry.leafIndex !== null &&
          entry.leafIndex < Number(latest.tree_size);
        actions.push({
          actionId: action.id,
          seq: action.seq,
          type: action.type,
          at: action.at.toISOString(),
          entryId: entry?.entryId ?? null,
          entryHash: entry ? toHex(entry.hash) : null,
          proof: sealed ? await inclusionProofOf(db, entry, latest) : null,
        });
      }
      return { code: visible.code, checkpoint: latest ? checkpointJson(latest) : null, actions };
    },
  );
};
