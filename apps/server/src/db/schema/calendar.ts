/** Row types: The working calendar and settings (module calendar). */
import type { Timestamp, DateOnly, Json } from './columns';

export interface CalendarYearsTable {
  year: number;
  status: 'official' | 'provisional';
  source: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface CalendarDaysTable {
  date: DateOnly;
  year: number;
  kind: 'holiday' | 'compensatory' | 'swapped-off' | 'weekend-in-break' | 'swapped-workday';
  name: string;
  source: string;
}

export interface SettingsTable {
  key: string;
  value: Json<object>;
  updated_by: number | null;
  updated_at: Timestamp;
}
