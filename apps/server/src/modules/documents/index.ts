/**
 * Public surface of the documents module: official documents under NĐ 30/2020/NĐ-CP — their
 * numbering (store/numbering.ts) and their history, written by one writer (store/history.ts).
 * The rules (kinds, số and ký hiệu, series, lifecycle) are in @tayninh/domain/documents.
 */
export {
  agencyOf,
  saveSettings as saveDocumentSettings,
  settingsOf as documentSettingsOf,
  type DocumentSettings,
} from './store/settings';
export { cancelNextNumber, numberingYear, numbersOf, takeNumber } from './store/numbering';

export { documentIndicators } from './indicators/query';
export { importDocumentRows } from './store/import';
export { carryOverDocuments, holdsDocuments, type CarriedOverDocument } from './store/carry-over';
export { DOCUMENT_TARGETS } from './indicators/rules';

/** The module's self-description (routes, jobs), for the list in src/modules.ts. */
export { documentsModule } from './module';
