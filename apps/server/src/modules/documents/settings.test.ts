import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database';
import { DomainError } from '../../http/errors';
import { openTestDatabase, unitIdOfCode } from '../../test/harness';
import { SYSTEM_ACTOR } from '../audit';
import { agencyOf, saveSettings, settingsErrors, settingsOf, type DocumentSettings } from './store/settings';

describe('document settings of an agency', () => {
  let handle: DatabaseHandle;
  let construction: number;
  beforeAll(async () => {
    handle = await openTestDatabase();
    construction = await unitIdOfCode(handle.db, '000.00.16.H53');
  });
  afterAll(async () => handle.close());

  const valid: DocumentSettings = {
    agencyAbbreviation: 'SXD',
    placeName: 'Tây Ninh',
    administrativeSeries: { mode: 'groups', groups: { 'quyet-dinh': ['quyet-dinh'] } },
    unitAbbreviations: { '1': 'VP', '2': 'QLXD' },
    advisoryBodies: [{ code: 'hdtd', name: 'Hội đồng thẩm định', abbreviation: 'HĐTĐ' }],
  };

  it('names every problem of an input, in Vietnamese', () => {
    expect(settingsErrors(valid)).toEqual([]);
    const errors = settingsErrors({
      ...valid,
      agencyAbbreviation: 'sxd',
      placeName: ' ',
      unitAbbreviations: { '1': 'V P' },
      administrativeSeries: { mode: 'groups', groups: { a: ['quyet-dinh', 'sao-y'], b: ['quyet-dinh'] } },
      advisoryBodies: [valid.advisoryBodies[0]!, valid.advisoryBodies[0]!],
    });
    expect(errors.map((e) => e.field)).toEqual([
      '/agencyAbbreviation',
      '/placeName',
      '/unitAbbreviations/1',
      '/advisoryBodies/1/code',
      '/administrativeSeries/groups/a',
      '/administrativeSeries/groups/b',
    ]);
    expect(errors[0]!.message).toContain('chữ in hoa');
  });

  it('has the demo agencies seeded, and finds the agency of a unit at or above it', async () => {
    expect(await settingsOf(handle.db, construction)).toMatchObject({
      agencyAbbreviation: 'SXD',
      placeName: 'Tây Ninh',
    });
    expect((await agencyOf(handle.db, construction))?.unitId).toBe(construction);
    const justice = await handle.db
      .selectFrom('units_view')
      .select('id')
      .where('agency_code', '=', '000.00.14.H53')
      .executeTakeFirstOrThrow();
    // Sở Tư pháp is not set up: it is an agency of its own, never taken for UBND tỉnh above it.
    expect(await agencyOf(handle.db, Number(justice.id))).toBeNull();
    // Văn phòng UBND tỉnh drafts for UBND tỉnh.
    const office = await handle.db
      .selectFrom('units_view')
      .select(['id', 'parent_id'])
      .where('agency_code', '=', '000.00.01.H53')
      .executeTakeFirstOrThrow();
    expect(await agencyOf(handle.db, Number(office.id))).toMatchObject({
      unitId: Number(office.parent_id),
      settings: { agencyAbbreviation: 'UBND' },
    });
  });

  it('saves a change with its audit record (before and after), and refuses a bad one writing nothing', async () => {
    await saveSettings(handle.db, SYSTEM_ACTOR, construction, valid, 'Quyết định số 12/QĐ-SXD về sổ đăng ký');
    expect(await settingsOf(handle.db, construction)).toEqual(valid);
    const audit = await handle.db
      .selectFrom('audit_events')
      .select(['action', 'reason', 'before', 'after'])
      .where('entity_type', '=', 'document_settings')
      .where('entity_id', '=', String(construction))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'document_settings.update',
      reason: 'Quyết định số 12/QĐ-SXD về sổ đăng ký',
    });
    expect(audit.before).toMatchObject({
      agencyAbbreviation: 'SXD',
      administrativeSeries: { mode: 'single' },
    });
    expect(audit.after).toMatchObject({ administrativeSeries: { mode: 'groups' } });
    const refused = await saveSettings(handle.db, SYSTEM_ACTOR, construction, {
      ...valid,
      agencyAbbreviation: '',
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).status).toBe(422);
    expect(await settingsOf(handle.db, construction)).toEqual(valid);
  });
});
