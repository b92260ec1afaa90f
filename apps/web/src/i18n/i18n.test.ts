/**
 * Messages as a reader meets them: counts in the right plural form in English ("1 working day",
 * never "1 working days" or "day(s)"), and buttons whose accessible name begins with their visible
 * words (WCAG 2.5.3 Label in Name: a voice-control user says what they see).
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import enAdmin from './en/admin';
import enCommon from './en/common';
import enDocuments from './en/documents';
import enOffice from './en/office';
import enPortal from './en/portal';
import enStats from './en/stats';
import viAdmin from './vi/admin';
import viCommon from './vi/common';
import viDocuments from './vi/documents';
import viOffice from './vi/office';
import viPortal from './vi/portal';
import viStats from './vi/stats';

const resources = {
  vi: {
    common: viCommon,
    portal: viPortal,
    office: viOffice,
    admin: viAdmin,
    stats: viStats,
    documents: viDocuments,
  },
  en: {
    common: enCommon,
    portal: enPortal,
    office: enOffice,
    admin: enAdmin,
    stats: enStats,
    documents: enDocuments,
  },
};

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

const messages = (language: 'vi' | 'en'): Map<string, string> =>
  new Map<string, string>(
    Object.entries(resources[language]).flatMap(([ns, tree]) =>
      [...flatten(tree as unknown as Tree)].map(([key, text]) => [`${ns}:${key}`, text] as const),
    ),
  );

async function translator(language: 'vi' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: language,
    fallbackLng: 'vi',
    defaultNS: 'common',
    ns: Object.keys(resources.vi),
    interpolation: { escapeValue: false },
  });
  return instance.t.bind(instance) as unknown as (key: string, options?: Record<string, unknown>) => string;
}

describe('counts', () => {
  it('every message with {{count}} has its plural forms (Vietnamese _other, English _one and _other)', () => {
    const vi = messages('vi');
    const en = messages('en');
    const counted = [...vi].filter(([, text]) => text.includes('{{count}}'));
    expect(counted.length).toBeGreaterThan(20);
    for (const [key] of counted) {
      expect(key, `${key} formats a count: name it …_other`).toMatch(/_other$/);
      const base = key.replace(/_other$/, '');
      expect(en.has(`${base}_one`), `${base}_one in English`).toBe(true);
      expect(en.has(`${base}_other`), `${base}_other in English`).toBe(true);
    }
  });

  it('English never writes a plural as "(s)"', () => {
    const hacks = [...messages('en')].filter(([, text]) => /\w\(s\)/.test(text));
    expect(hacks).toEqual([]);
  });

  it('reads "1 working day" and "2 working days"; Vietnamese has one form', async () => {
    const en = await translator('en');
    expect(en('portal:procedure.durations.working-days', { count: 1 })).toBe('1 working day');
    expect(en('portal:procedure.durations.working-days', { count: 2 })).toBe('2 working days');
    expect(en('portal:procedure.durations.calendar-days', { count: 1 })).toBe('1 day');
    expect(en('office:due.overdue', { count: 1 })).toBe('1 working day overdue');
    expect(en('office:queue.total', { count: 1, formatted: '1' })).toBe('1 dossier');
    expect(en('office:queue.total', { count: 1200, formatted: '1,200' })).toBe('1,200 dossiers');
    expect(en('portal:home.resultCount', { count: 1 })).toBe('1 procedure found.');
    expect(en('portal:validation.maxLength', { count: 1, field: 'Code' })).toBe(
      'Code must have at most 1 character.',
    );
    const vi = await translator('vi');
    expect(vi('portal:procedure.durations.working-days', { count: 1 })).toBe('1 ngày làm việc');
    expect(vi('portal:procedure.durations.working-days', { count: 15 })).toBe('15 ngày làm việc');
  });
});

describe('label in name (WCAG 2.5.3)', () => {
  // [visible text, accessible name] of every control whose aria-label adds context to its words.
  const pairs: Array<[string, string, Record<string, string>]> = [
    ['portal:mine.discard', 'portal:mine.discardLabel', { name: 'Đăng ký khai sinh' }],
    ['portal:mine.resume', 'portal:mine.resumeLabel', { name: 'Đăng ký khai sinh' }],
    ['portal:submit.edit', 'portal:submit.editSection', { section: 'Thông tin người nộp hồ sơ' }],
    ['portal:draftChoice.resume', 'portal:draftChoice.resumeLabel', { time: '02/12/2026 09:15' }],
    ['admin:common.edit', 'admin:calendar.editDay', { date: '01/01/2027' }],
    ['admin:common.remove', 'admin:calendar.removeDay', { date: '01/01/2027' }],
    ['admin:users.open', 'admin:users.openFor', { name: 'Võ Thị Ngọc Ánh' }],
    ['admin:users.revoke', 'admin:users.revokeLabel', { role: 'Lãnh đạo', unit: 'Sở Tư pháp' }],
    ['admin:common.edit', 'admin:catalogue.editFor', { code: '1.001193' }],
    ['admin:catalogue.versions', 'admin:catalogue.versionsFor', { code: '1.001193' }],
  ];

  for (const language of ['vi', 'en'] as const) {
    it(`every accessible name begins with the visible words (${language})`, async () => {
      const t = await translator(language);
      for (const [visibleKey, nameKey, values] of pairs) {
        const visible = t(visibleKey).toLocaleLowerCase(language);
        const name = t(nameKey, values).toLocaleLowerCase(language);
        expect(name, `${nameKey} should begin with "${visible}"`).toMatch(
          new RegExp(`^${visible.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
        );
      }
    });
  }
});
