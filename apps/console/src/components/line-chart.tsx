interface Series {
  label: string;
  values: number[];
}

const WIDTH = 320;
const HEIGHT = 90;

/** A small line chart of recent values (the page keeps them; nothing is stored on the server). */
export function LineChart({ series, unit, title }: { series: Series[]; unit: string; title: string }) {
  const all = series.flatMap((s) => s.values);
  const max = Math.max(1, ...all);
  const longest = Math.max(2, ...series.map((s) => s.values.length));
  const x = (n: number) => (n / (longest - 1)) * WIDTH;
  const y = (v: number) => HEIGHT - (v / max) * (HEIGHT - 6) - 3;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${title}, up to ${max.toFixed(1)} ${unit}`}
      >
        <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} class="chart-axis" />
        {series.map((s, n) => (
          <polyline
            key={s.label}
            class={`chart-line chart-line-${n % 6}`}
            points={s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}
          />
        ))}
      </svg>
      <figcaption>
        {title} (max {max.toFixed(1)} {unit}):{' '}
        {series.map((s, n) => (
          <span key={s.label} class={`legend legend-${n % 6}`}>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
