/**
 * PDF layout shared by every module that prints an official form (slips, registers, and the
 * documents to come): A4/A5 pages, Noto Serif embedded with every Vietnamese glyph, text boxes,
 * tables and wrapping. See layout.ts.
 */
export * from './layout';
