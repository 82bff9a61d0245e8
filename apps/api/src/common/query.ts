/** A query string's "true" and "false" as booleans; anything else is left for the validator to refuse. */
export const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;
