// One uPlot chart, as wide as its box and redrawn when the box changes width; hidden from screen
// readers, which read the same figures in the table under it. A legend of HTML names the series.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function Chart({ make, data, legend, height = 220 }: { make: (width: number, height: number) => uPlot.Options; data: uPlot.AlignedData; legend: readonly string[]; height?: number }): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = () => Math.max(200, el.clientWidth);
    const chart = new uPlot(make(width(), height), data, el);
    let last = width();
    const resized = new ResizeObserver(() => {
      if (width() === last) return;
      last = width();
      chart.setSize({ width: last, height });
    });
    resized.observe(el);
    return () => {
      resized.disconnect();
      chart.destroy();
    };
  }, [make, data, height]);
  return (
    <div class="chart" aria-hidden="true">
      {legend.length > 1 && (
        <ul class="legend">
          {legend.map((name, i) => (
            <li key={name}>
              <span class={`swatch s${i}`} />
              {name}
            </li>
          ))}
        </ul>
      )}
      <div class="chart-canvas" ref={box} />
    </div>
  );
}
