/** Makes every English file prove it has the Vietnamese file's keys (values may differ). */
export type Messages<T> = {
  [K in keyof T]: T[K] extends string ? string : Messages<T[K]>;
};
