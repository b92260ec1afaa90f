/**
 * The codes that name agencies and procedures, one place for the server's route schemas, the
 * seed's data checks and the web's forms:
 * - the agency code (mã định danh, QĐ 20/2020/QĐ-TTg): `NNN.NN.NN.XNN`, e.g. 000.00.05.H53
 *   (the last group names the province: H53 is Tây Ninh);
 * - the procedure code (mã TTHC on the national database): `N.NNNNNN`, e.g. 1.001193, or a local
 *   procedure's national code followed by the agency code that publishes it
 *   (1.001193.000.00.05.H53).
 * The dossier code (dossiers/code.ts) is built on the agency code.
 */

/** The agency code without anchors, to compose into longer patterns. */
export const AGENCY_CODE_BODY = '[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}';

/** The pattern of an agency code, as a JSON-Schema / regular-expression source. */
export const AGENCY_CODE_PATTERN = `^${AGENCY_CODE_BODY}$`;

/** Whether a string is a well-formed agency code. */
export const AGENCY_CODE = new RegExp(AGENCY_CODE_PATTERN);

/** The pattern of a procedure code, as a JSON-Schema / regular-expression source. */
export const PROCEDURE_CODE_PATTERN = `^[0-9]\\.[0-9]{6}(\\.${AGENCY_CODE_BODY})?$`;

/** Whether a string is a well-formed procedure code. */
export const PROCEDURE_CODE = new RegExp(PROCEDURE_CODE_PATTERN);
