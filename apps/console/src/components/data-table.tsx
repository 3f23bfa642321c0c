import type { ComponentChildren } from 'preact';

export interface Column<T> {
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  cell(row: T): ComponentChildren;
}

/**
 * A read-only table in the console's frame (scrolls sideways inside itself when it must): the first column
 * heads each row, `rowKey` also lands in `data-row` for tests and styling, and an empty list says so.
 */
export function DataTable<T>(props: {
  name: string;
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty: string;
}) {
  const { columns, rows } = props;
  return (
    <div class="table-wrap">
      <table class={props.name}>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column.label} class={column.numeric ? 'num' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} class="muted">
                {props.empty}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={props.rowKey(row)} data-row={props.rowKey(row)}>
              {columns.map((column, n) =>
                n === 0 ? (
                  <th scope="row" key={column.label}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.label} class={column.numeric ? 'num' : undefined}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
