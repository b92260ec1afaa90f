import { describe, expect, it } from 'vitest';
import { allowedCommands, commandEvent, COMMANDS, DOSSIER_COMMANDS, EVENT_NAMES } from './commands';
import {
  allowedActionTypes,
  DOSSIER_ACTION_TYPES,
  DOSSIER_STATUSES,
  INITIAL_STATE,
  type DossierState,
} from './lifecycle';

const inStatus = (status: DossierState['status']): DossierState => ({ ...INITIAL_STATE, status });

describe('dossier commands (the POST /actions vocabulary)', () => {
  it('reaches every recorded event except submission and uploads, which have their own routes', () => {
    const produced = new Set(
      DOSSIER_STATUSES.flatMap((status) =>
        DOSSIER_COMMANDS.map((command) => commandEvent(command, inStatus(status))),
      ),
    );
    expect(DOSSIER_ACTION_TYPES.filter((type) => !produced.has(type))).toEqual([
      'submitted',
      'attachment_added',
    ]);
  });

  it('offers exactly the commands whose event the lifecycle allows now', () => {
    for (const status of DOSSIER_STATUSES) {
      const state = inStatus(status);
      for (const command of allowedCommands(state))
        expect(allowedActionTypes(state)).toContain(commandEvent(command, state));
    }
    expect(allowedCommands(inStatus('submitted'))).toEqual([
      'accept',
      'request-supplement',
      'refuse',
      'withdraw',
    ]);
    expect(commandEvent('request-supplement', inStatus('submitted'))).toBe('intake_supplement_requested');
    expect(commandEvent('request-supplement', inStatus('processing'))).toBe('supplement_requested');
    expect(allowedCommands(inStatus('returned'))).toEqual(['rate']);
    expect(allowedCommands({ ...inStatus('returned'), rated: true })).toEqual([]);
  });

  it('names every command and event in Vietnamese', () => {
    for (const command of DOSSIER_COMMANDS) expect(COMMANDS[command].label).toMatch(/\p{L}/u);
    for (const type of DOSSIER_ACTION_TYPES) expect(EVENT_NAMES[type]).toMatch(/\p{L}/u);
  });
});
