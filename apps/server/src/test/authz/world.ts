/** The authorisation test's world (see authz-routes.test.ts): units, personas, dossiers, and how to call as each. */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { type DossierCommand } from '@tayninh/domain/dossiers/commands';
import { dbFingerprint } from '../db-fingerprint';
import { as, startTestApp, type Session, type TestContext } from '../harness';
import { buildWorld } from './build-world';

// ---------------------------------------------------------------------------------------------
// The world

export type UnitKey = 'province' | 'centre' | 'X' | 'Y';
export const UNIT_CODES: Record<UnitKey, string> = {
  province: '000.00.00.H53',
  centre: '000.02.01.H53',
  X: '000.00.16.H53', // Sở Xây dựng: handles the building permit
  Y: '000.00.14.H53', // Sở Tư pháp
};
export const UNIT_KEYS = Object.keys(UNIT_CODES) as UnitKey[];

export type Role = 'receiving_officer' | 'clerk' | 'specialist' | 'leader' | 'agency_admin' | 'system_admin';
export interface Grant {
  role: Role;
  unit: UnitKey;
  subtree?: boolean;
}
export interface PersonaDef {
  /** null: anonymous. */
  username: string | null;
  citizen: boolean;
  grants: Grant[];
  /** Created by the test (not a demo account). */
  create?: { fullName: string; primary: UnitKey };
  /** Calls with a bearer API token of the account instead of the session cookie. */
  token?: boolean;
}

export const PERSONAS = {
  anonymous: { username: null, citizen: false, grants: [] },
  citizenA: { username: 'congdan', citizen: true, grants: [] },
  citizenB: { username: 'congdan2', citizen: true, grants: [] },
  tokenA: { username: 'congdan', citizen: true, grants: [], token: true },
  receivingCentre: {
    username: 'tiepnhan',
    citizen: false,
    grants: [{ role: 'receiving_officer', unit: 'centre' }],
  },
  receivingX: {
    username: 'tiepnhan.xd',
    citizen: false,
    grants: [{ role: 'receiving_officer', unit: 'X' }],
    create: { fullName: 'Ngô Thị Lan', primary: 'X' },
  },
  specialistX: { username: 'chuyenvien.xd', citizen: false, grants: [{ role: 'specialist', unit: 'X' }] },
  leaderX: { username: 'lanhdao.xd', citizen: false, grants: [{ role: 'leader', unit: 'X' }] },
  /** The văn thư of X (Sở Xây dựng): its documents, its registers, its paper arrivals. */
  clerkX: { username: 'vanthu.xd', citizen: false, grants: [{ role: 'clerk', unit: 'X' }] },
  receivingY: {
    username: 'tiepnhan.tp',
    citizen: false,
    grants: [{ role: 'receiving_officer', unit: 'Y' }],
    create: { fullName: 'Trương Văn Lực', primary: 'Y' },
  },
  specialistY: { username: 'chuyenvien', citizen: false, grants: [{ role: 'specialist', unit: 'Y' }] },
  leaderY: { username: 'lanhdao', citizen: false, grants: [{ role: 'leader', unit: 'Y' }] },
  unitAdminX: {
    username: 'quantri.xd',
    citizen: false,
    grants: [{ role: 'agency_admin', unit: 'X' }],
    create: { fullName: 'Đoàn Thị Mỹ', primary: 'X' },
  },
  /** Administers the users of the province's own unit only (no subtree): the system admin's unit. */
  unitAdminProvince: {
    username: 'quantri.tinh',
    citizen: false,
    grants: [{ role: 'agency_admin', unit: 'province' }],
    create: { fullName: 'Mai Thị Hồng', primary: 'province' },
  },
  provinceLeader: {
    username: 'lanhdao.tinh',
    citizen: false,
    grants: [{ role: 'leader', unit: 'province', subtree: true }],
    create: { fullName: 'Lý Văn Sơn', primary: 'province' },
  },
  systemAdmin: {
    username: 'admin',
    citizen: false,
    grants: [{ role: 'system_admin', unit: 'province', subtree: true }],
  },
} satisfies Record<string, PersonaDef>;
export type PersonaKey = keyof typeof PERSONAS;
export const PERSONA_KEYS = Object.keys(PERSONAS) as PersonaKey[];
export const persona = (key: PersonaKey): PersonaDef => PERSONAS[key];

export type DossierKey = 'D1' | 'D2' | 'D3' | 'D4';
export interface DossierFixture {
  key: DossierKey;
  code: string;
  owner: PersonaKey;
  receiving: UnitKey;
  handling: UnitKey;
  /** Units holding an open inter-agency task. */
  tasks: UnitKey[];
  attachments: number[];
  /** Of those, the files attached as the electronic result. */
  results: number[];
  status: string;
  /** Commands the lifecycle allows in the current state (whoever asks). */
  possible: DossierCommand[];
}

export type DocumentKey = 'N1' | 'N2' | 'N3';
/** An official document drafted at X by specialistX for leaderX to sign (module documents). */
export interface DocumentFixture {
  key: DocumentKey;
  id: number;
  /** The id of its first draft file. */
  fileId: number;
  owner: PersonaKey;
  signer: PersonaKey;
  agency: UnitKey;
  secret: boolean;
  status: 'drafting' | 'content_review';
}

export interface World {
  unitIds: Record<UnitKey, number>;
  /** Root-first unit paths (ids). */
  paths: Record<UnitKey, number[]>;
  userIds: Record<string, number>;
  sessions: Map<PersonaKey, Session>;
  bearer: string;
  tokenId: number;
  dossiers: Record<DossierKey, DossierFixture>;
  draft: { id: number; owner: PersonaKey; attachments: number[] };
  documents: Record<DocumentKey, DocumentFixture>;
  /** A role grant held at Y (for revocation attempts). */
  grantAtY: number;
  /** The provincial leader's grant over the whole province. */
  grantOverProvince: number;
  year: number;
}

// ---------------------------------------------------------------------------------------------
/** Row ids of the fixtures (a submitted dossier is still a row id for the draft routes). */
export const dossierRowId = {} as Record<DossierKey, number>;
/** The evidence entry of each fixture's first action, and of one audit event (`audit`). */
export const evidenceEntryId = {} as Record<DossierKey | 'audit', number>;

export function unitKeyOf(id: number | null): UnitKey | null {
  return UNIT_KEYS.find((key) => world.unitIds[key] === id) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Calling and fingerprinting

export let ctx: TestContext;

export function call(key: PersonaKey, options: InjectOptions): Promise<LightMyRequestResponse> {
  const p = persona(key);
  if (p.username === null) return ctx.app.inject(options);
  if (p.token) {
    return ctx.app.inject({
      ...options,
      headers: {
        ...(options.headers as Record<string, string> | undefined),
        authorization: `Bearer ${world.bearer}`,
      },
    });
  }
  return as(ctx.app, world.sessions.get(key)!)(options);
}

/** What a refused request must not change (see db-fingerprint.ts). */
export const fingerprint = () => dbFingerprint(ctx.handle.db);

/** Checks one request against the oracle; returns what happened, for the statistics. */

/** The world of the test file that called setUp (built once per file). */
export let world: World;

export async function setUp(): Promise<void> {
  ctx = await startTestApp();
  world = await buildWorld();
}

export async function tearDown(): Promise<void> {
  await ctx?.close();
}
