// CSV by RFC 4180 (comma separated, CRLF line ends, fields holding a comma,
// quote, CR or LF wrapped in quotes with quotes doubled) — a dozen lines, so
// no dependency. Cells are also made safe to open in a spreadsheet: text that
// starts like a formula is prefixed with a quote so it is shown, not run
// (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | Date | null | undefined;

/** One field: dates as ISO 8601 UTC, nothing as empty, formula-looking text defused, quoted when needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
