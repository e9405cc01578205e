// OMERO.web and the webgateway read numbers with Python's `int()`: one reading for every view.

/** Python's `int()` of a query value: surrounding whitespace, a sign and digit-group underscores pass. */
export function pythonInt(raw: string): number | undefined {
  return /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(raw) ? Number(raw.replace(/_/g, '').trim()) : undefined;
}

/** The `ValueError` message `int()` raises, quoting the value as Python's `repr` does. */
export function intError(raw: string): string {
  const quoted = raw.includes("'") && !raw.includes('"') ? `"${raw}"` : `'${raw.replace(/'/g, "\\'")}'`;
  return `invalid literal for int() with base 10: ${quoted}`;
}
