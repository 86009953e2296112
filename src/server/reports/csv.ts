/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Polish letters), RFC 4180
 * quoting, CRLF line ends, and no cell a spreadsheet would run as a formula.
 */
const BOM = '\uFEFF';
/** A cell starting with one of these is a formula in Excel, LibreOffice and Google Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  // A number is written as is (a negative one stays a number); text that looks like a formula gets a leading apostrophe.
  let text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  if (/[",\r\n]/.test(text)) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
