import type { Child } from 'hono/jsx';
import { scriptJson, type ChartData } from '../citizen/chart-data.js';

interface ChartFigureProps {
  id: string;
  data: ChartData;
  /** What the chart shows, for the canvas's accessible name. */
  label: string;
  caption: Child;
  /** The chart in words: sentences a screen reader (and anyone without JavaScript) reads instead. */
  summary: Child[];
  /** The same numbers as a table. */
  table: Child;
  size?: 'tall' | 'short';
}

/**
 * A chart as the server renders it: the data as JSON (not executable), an empty canvas that stays
 * hidden until the chart script draws into it, the summary in words and the data table. Without
 * JavaScript the summary and the table are the chart.
 */
export function ChartFigure({ id, data, label, caption, summary, table, size = 'tall' }: ChartFigureProps) {
  return (
    <figure class="chart-figure" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} class="chart-figure__caption">
        {caption}
      </figcaption>
      <div class={`chart chart--${size}`} hidden>
        <canvas data-chart={`${id}-data`} role="img" aria-label={label} aria-describedby={`${id}-summary`}></canvas>
      </div>
      <script type="application/json" id={`${id}-data`} dangerouslySetInnerHTML={{ __html: scriptJson(data) }}></script>
      <div id={`${id}-summary`} class="chart-figure__summary">
        {summary.map((sentence) => (
          <p>{sentence}</p>
        ))}
      </div>
      {table}
    </figure>
  );
}

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
export function DataTable(props: { label: string; id?: string; caption?: { text: Child; visible?: boolean }; numbers?: boolean; columns: Child[]; children?: Child }) {
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
