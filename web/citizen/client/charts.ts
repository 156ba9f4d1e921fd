/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Draws the charts the server described. Each `<canvas data-chart="ID">` names a
 * `<script type="application/json" id="ID">` block; the page already holds the same numbers as a
 * table and in words, so this script only adds a picture. Chart.js is tree-shaken: only the
 * controllers, elements and scales registered here are bundled.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type PointStyle,
} from 'chart.js';
import type { ChartData, IndicatorChartData, RatingsChartData, SeriesKey } from '../chart-data.js';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  Tooltip,
);

const elder = document.documentElement.classList.contains('elder');
const body = getComputedStyle(document.body);
Chart.defaults.font.family = body.fontFamily;
Chart.defaults.font.size = Math.round(parseFloat(body.fontSize) * (elder ? 0.9 : 0.8));
Chart.defaults.color = elder ? '#000000' : '#1f2933';
Chart.defaults.borderColor = elder ? '#6b7280' : '#d5dbe1';
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

/** Each series is told apart by colour, dash and point shape, never by colour alone. */
const STYLES: Record<SeriesKey, { color: string; dash: number[]; point: PointStyle; line: boolean; radius: number }> = {
  history: { color: '#52606d', dash: [2, 3], point: 'rect', line: true, radius: 4 },
  observed: { color: '#0b5cad', dash: [], point: 'circle', line: true, radius: 4 },
  path: { color: '#6b3fa0', dash: [8, 5], point: 'line', line: true, radius: 0 },
  target: { color: '#b3261e', dash: [], point: 'rectRot', line: false, radius: 7 },
  stretch: { color: '#8a4b00', dash: [], point: 'triangle', line: false, radius: 7 },
};

const lineWidth = elder ? 3 : 2;

function indicatorConfig(data: IndicatorChartData): ChartConfiguration<'line', Array<{ x: number; y: number }>> {
  const years = data.series.flatMap((s) => s.points.map((p) => p.x));
  return {
    type: 'line',
    data: {
      datasets: data.series.map((s) => {
        const style = STYLES[s.key];
        return {
          label: s.label,
          data: s.points,
          borderColor: style.color,
          backgroundColor: style.color,
          borderDash: style.dash,
          borderWidth: lineWidth,
          showLine: style.line,
          pointStyle: style.point,
          pointRadius: style.radius + (elder ? 1 : 0),
          pointHoverRadius: style.radius + 2,
          // Points on the first and last year (the target year) are drawn whole, not cut at the edge.
          clip: 10,
        };
      }),
    },
    options: {
      locale: document.documentElement.lang,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: {
          type: 'linear',
          min: Math.min(...years),
          max: Math.max(...years),
          offset: true,
          title: { display: true, text: data.xTitle },
          // Years are labels, not quantities: no thousands separator.
          ticks: { stepSize: 1, precision: 0, callback: (value) => String(value) },
        },
        y: { type: 'linear', title: { display: Boolean(data.unit), text: data.unit }, grace: '5%' },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 10 } },
        tooltip: { callbacks: { title: (items) => String(items[0]?.parsed.x ?? '') } },
      },
    },
  };
}

function ratingsConfig(data: RatingsChartData): ChartConfiguration<'bar', number[], string> {
  return {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: [
        {
          label: data.label,
          data: data.counts,
          backgroundColor: ['#0b6b3a', '#3f8f5a', '#7a7f85', '#c05a1a', '#a3261e'],
          borderWidth: 0,
        },
      ],
    },
    options: {
      locale: document.documentElement.lang,
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { grid: { display: false } } },
      plugins: { legend: { display: false } },
    },
  };
}

for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')) {
  const source = document.getElementById(canvas.dataset.chart ?? '');
  if (!source?.textContent) continue;
  try {
    const data = JSON.parse(source.textContent) as ChartData;
    if (data.kind === 'indicator' && data.series.every((s) => s.points.length === 0)) continue;
    const container = canvas.parentElement;
    if (container) container.hidden = false;
    if (data.kind === 'indicator') new Chart(canvas, indicatorConfig(data));
    else new Chart(canvas, ratingsConfig(data));
  } catch (error) {
    // The table and the summary still say everything the chart would have.
    console.error('chart not drawn', error);
    if (canvas.parentElement) canvas.parentElement.hidden = true;
  }
}
