/** The scenarios of the process control tests: units, people, the internal procedure, the history builders. */
import { DEFAULT_OFFICE_HOURS, officialCalendar } from '../calendar';
import type { DossierAction } from '@tayninh/domain/dossiers/lifecycle';
import { deriveProcessControl } from './process-control';
import type { ControlHistoryEntry, ControlInput, ControlStep } from './process-control-model';

// Units and people of the scenarios: the provincial service centre receives, Sở Xây dựng
// handles, Sở Tư pháp is consulted.
export const CENTRE = 10;
export const CONSTRUCTION = 20;
export const JUSTICE = 30;
export const RECEPTION = 1;
export const LEADER = 2;
export const SPECIALIST = 3;
export const CITIZEN = 4;
export const JUSTICE_SPECIALIST = 5;
export const SECOND_SPECIALIST = 6;

export const STEPS: ControlStep[] = [
  { code: 'tiep-nhan', name: 'Tiếp nhận hồ sơ', role: 'receiving_officer', hours: 4 },
  { code: 'tham-dinh', name: 'Thẩm định hồ sơ', role: 'specialist', hours: 16 },
  { code: 'phe-duyet', name: 'Lãnh đạo phê duyệt', role: 'leader', hours: 4 },
  { code: 'tra-ket-qua', name: 'Trả kết quả', role: 'receiving_officer', hours: 4 },
];

/** Vietnam time, March 2026 (no holidays): Monday 9 … Friday 13. */
export const at = (day: number, clock: string) => `2026-03-${String(day).padStart(2, '0')}T${clock}+07:00`;

export type Step = [DossierAction, number | null, number | null];

function history(steps: Step[]): ControlHistoryEntry[] {
  return steps.map(([action, actorUserId, actorUnitId], index) => ({
    seq: index + 1,
    action: { ...action, at: new Date(action.at).toISOString() },
    actorUserId,
    actorUnitId,
  }));
}

export function derive(entries: Step[], overrides: Partial<ControlInput> = {}) {
  return deriveProcessControl({
    history: history(entries),
    steps: STEPS,
    supplementClock: 'restart',
    receivingUnit: { id: CENTRE, name: 'Trung tâm Phục vụ hành chính công tỉnh Tây Ninh' },
    handlingUnit: { id: CONSTRUCTION, name: 'Sở Xây dựng' },
    applicantName: 'Võ Thị Ngọc Ánh',
    unitNames: new Map([
      [CENTRE, 'Trung tâm Phục vụ hành chính công tỉnh Tây Ninh'],
      [CONSTRUCTION, 'Sở Xây dựng'],
      [JUSTICE, 'Sở Tư pháp'],
    ]),
    userNames: new Map([
      [RECEPTION, 'Nguyễn Thị Thu Hà'],
      [LEADER, 'Huỳnh Minh Tâm'],
      [SPECIALIST, 'Phạm Quốc Bảo'],
      [CITIZEN, 'Võ Thị Ngọc Ánh'],
      [JUSTICE_SPECIALIST, 'Trần Văn Minh'],
      [SECOND_SPECIALIST, 'Lê Thị Lan'],
    ]),
    calendar: officialCalendar(),
    hours: DEFAULT_OFFICE_HOURS,
    ...overrides,
  });
}

export const submitted = (day: number, clock: string): Step => [
  { type: 'submitted', at: at(day, clock), channel: 'online' },
  CITIZEN,
  null,
];
export const accepted = (day: number, clock: string): Step => [
  { type: 'accepted', at: at(day, clock), dueAt: at(27, '08:00:00') },
  RECEPTION,
  CENTRE,
];
