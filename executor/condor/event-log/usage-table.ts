/**
 * The resource table at the end of 004/005 bodies:
 *
 *     Partitionable Resources :    Usage  Request Allocated [Assigned]
 *        Cpus                 :        0        1         1
 *        GPUs                 :                           0
 *
 * Cells may be blank, so a value belongs to the column whose header word it
 * ends under (values are right-aligned, relative to each line's colon).
 * Widths vary between HTCondor versions and sites.
 */

/** Row label (e.g. `Memory (MB)`) to column name (e.g. `Usage`) to cell. */
export type UsageTable = Record<string, Record<string, string>>;

interface Token {
  text: string;
  end: number;
}

/** True for the line that starts a resource table. */
export function isUsageTableHeader(line: string): boolean {
  const t = line.trimStart();
  return t.startsWith('Partitionable Resources') || t.startsWith('Resources');
}

/**
 * Reads the table whose header is `lines[start]`; rows end at the first line
 * without a colon. Returns the table and the index after its last row.
 */
export function readUsageTable(
  lines: readonly string[],
  start: number,
): { table: UsageTable; next: number } {
  const columns = tokensAfterColon(lines[start] ?? '');
  const table: UsageTable = {};
  let i = start + 1;
  for (; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const colon = line.indexOf(':');
    if (colon < 0) break;

    const label = line.slice(0, colon).trim();
    table[label] = assignCells(tokensAfterColon(line), columns);
  }
  return { table, next: i };
}

function tokensAfterColon(line: string): Token[] {
  const colon = line.indexOf(':');
  const area = colon < 0 ? '' : line.slice(colon + 1);
  const tokens: Token[] = [];
  for (const m of area.matchAll(/"[^"]*"|\S+/g)) {
    tokens.push({ text: m[0], end: (m.index ?? 0) + m[0].length });
  }
  return tokens;
}

function assignCells(
  cells: readonly Token[],
  columns: readonly Token[],
): Record<string, string> {
  const row: Record<string, string> = {};
  if (cells.length === columns.length) {
    cells.forEach((cell, i) => {
      row[columns[i]?.text ?? String(i)] = cell.text;
    });
    return row;
  }

  for (const cell of cells) {
    const column =
      columns.find((c) => c.end >= cell.end) ?? columns[columns.length - 1];
    if (column !== undefined) row[column.text] = cell.text;
  }
  return row;
}
