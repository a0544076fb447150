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

const TABLE_HEADER = /^\s*(?:Partitionable )?Resources /;

/** True for the line that starts a resource table. */
export function isUsageTableHeader(line: string): boolean {
  return TABLE_HEADER.test(line);
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

/** Cells after the line's colon, split at blanks (not inside quotes). */
function tokensAfterColon(line: string): Token[] {
  const tokens: Token[] = [];
  const colon = line.indexOf(':');
  const area = colon < 0 ? '' : line.slice(colon + 1);
  let i = 0;
  while (i < area.length) {
    if (area[i] === ' ' || area[i] === '\t') {
      i += 1;
      continue;
    }
    const start = i;
    const quoted = area[i] === '"' ? area.indexOf('"', i + 1) : -1;
    i = quoted > 0 ? quoted + 1 : i;
    while (i < area.length && area[i] !== ' ' && area[i] !== '\t') i += 1;
    tokens.push({ text: area.slice(start, i), end: i });
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
