/**
 * Draws a report's series over its rows (the first as bars) with uPlot (small, no dependencies). Only the
 * reports screen imports this module, with import(), so uPlot is its own chunk.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Colours told apart with the common colour-vision deficiencies (Okabe–Ito). */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
const HEIGHT = 220;

export function drawChart(container: HTMLElement, labels: string[], series: { label: string; values: number[] }[]): () => void {
  const xs = labels.map((_, index) => index);
  const width = Math.max(240, container.clientWidth);
  const plot = new uPlot(
    {
      width,
      height: HEIGHT,
      legend: { show: true, live: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] } },
      axes: [
        { values: (_, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? (labels[tick] ?? '') : '')), gap: 4 },
        { size: 48 },
      ],
      series: [
        {},
        // The first series as bars, the others as lines with points over them.
        ...series.map((one, index) => ({
          label: one.label,
          stroke: COLOURS[index % COLOURS.length],
          width: 2,
          ...(index === 0 ? { fill: `${COLOURS[0]}99`, paths: uPlot.paths.bars!({ size: [0.6, 80] }), points: { show: false } } : { points: { show: true, size: 7 } }),
        })),
      ],
    },
    [xs, ...series.map((one) => one.values)],
    container,
  );
  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, container.clientWidth), height: HEIGHT }));
  resize.observe(container);
  return () => {
    resize.disconnect();
    plot.destroy();
  };
}
