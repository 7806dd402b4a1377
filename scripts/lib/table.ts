export type Column<Row> = { header: string; value: (row: Row) => string | number; align?: 'left' | 'right' };

/** Plain-text table sized to its content; no colours so CI logs and redirected output stay readable. */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => String(column.value(row))));
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...cells.map((line) => line[i]?.length ?? 0))
  );
  const pad = (text: string, i: number): string =>
    columns[i]?.align === 'right' ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0);
  const lines = [
    columns.map((column, i) => pad(column.header, i)).join('  '),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...cells.map((line) => line.map((cell, i) => pad(cell, i)).join('  '))
  ];
  return lines.map((line) => line.trimEnd()).join('\n');
}
