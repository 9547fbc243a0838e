/** The smallest unit of every section of the diff: one field, before and after. */

/** One field that differs; null stands for "absent". */
export interface FieldChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}
