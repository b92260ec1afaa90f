/**
 * Makes every English file prove it has the Vietnamese file's keys (values may differ).
 *
 * Counts: Vietnamese has one plural form, so a message with a count is written once, as
 * `key_other`; English has two, so for every `key_other` of the Vietnamese file the English file
 * must also have `key_one` ("1 working day", "2 working days"; i18next picks the form from
 * `count`). i18n.test.ts checks that every message with `{{count}}` is written so.
 */
type PluralOne<T> = {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_one` : never]: string;
};

export type Messages<T> = {
  [K in keyof T]: T[K] extends string ? string : Messages<T[K]>;
} & PluralOne<T>;
