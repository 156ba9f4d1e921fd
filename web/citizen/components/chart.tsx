import type { Child } from 'hono/jsx';
import { scriptJson, type ChartData } from '../chart-data.js';

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
