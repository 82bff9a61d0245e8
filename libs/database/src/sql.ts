/**
 * The two date rules every query shares, as SQL fragments over a table alias and two parameter
 * (or SQL) expressions, so they are written once.
 */

/** A row with `valid_from`/`valid_to` (areas, their parent links) in force on the date. */
export function inForceOn(alias: string, date: string): string {
  return `${alias}.valid_from <= ${date}::date AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${date}::date)`;
}

/** A row with `valid_from`/`valid_to` in force at some point between the two dates. */
export function inForceDuring(alias: string, from: string, to: string): string {
  return `${alias}.valid_from <= ${to}::date AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${from}::date)`;
}

/**
 * A registry subject active at some point between the two dates: started by the last day and
 * not deactivated before the first (the deactivation day is the first day it is gone).
 */
export function activeDuring(alias: string, from: string, to: string): string {
  return `${alias}.active_from <= ${to}::date AND (${alias}.deactivated_on IS NULL OR ${alias}.deactivated_on > ${from}::date)`;
}
