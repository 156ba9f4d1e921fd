import type { Child } from 'hono/jsx';

/** A table that scrolls sideways on a narrow screen instead of widening the page; focusable so keyboards can scroll it. */
export function TableWrap({ label, children }: { label: string; children?: Child }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabindex={0}>
      {children}
    </div>
  );
}

/**
 * A data table in its TableWrap: an optional caption (for screen readers only unless `visible`),
 * one header row of column names, then the rows given. `numbers` aligns figures for comparison.
 */
export function DataTable(props: {
  label: string;
  id?: string;
  caption?: { text: Child; visible?: boolean };
  numbers?: boolean;
  columns: Child[];
  children?: Child;
}) {
  const { label, id, caption, columns, children } = props;
  return (
    <TableWrap label={label}>
      <table class={props.numbers ? 'data-table data-table--numbers' : 'data-table'} id={id}>
        {caption && <caption class={caption.visible ? undefined : 'visually-hidden'}>{caption.text}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableWrap>
  );
}
