/**
 * Vietnamese first, English available. One file per area and language (i18n/vi/*.ts is the
 * source; i18n/en/*.ts must have the same keys: the type below checks it). The choice is kept in
 * localStorage and sent to the server as Accept-Language so problem messages match.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
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

export const LANGUAGE_KEY = 'tn_lang';
export type Language = 'vi' | 'en';

export const resources = {
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
} as const;

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(LANGUAGE_KEY) : null;

void i18n.use(initReactI18next).init({
  resources,
  lng: stored === 'en' ? 'en' : 'vi',
  fallbackLng: 'vi',
  defaultNS: 'common',
  ns: ['common', 'portal', 'office', 'admin', 'stats', 'documents'],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

i18n.on('languageChanged', (language) => {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
});
document.documentElement.lang = i18n.language;

export default i18n;
