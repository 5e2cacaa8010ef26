// The legend of a colour scale (lib/scales.ts): every bin with its swatch and its bounds in words,
// and the "no data" swatch. The bounds are also in data attributes, in the API's units, so a test
// can check a colour against the figure the API gives.
import type { Scale } from '@/lib/scales';
import { swatches } from '@/lib/scales';

export function ScaleLegend({ scale, title, note }: { scale: Scale; title: string; note?: string }) {
  return (
    <figure className="scale-legend" data-testid="map-legend">
      <figcaption>{title}</figcaption>
      <ul>
        {[...scale.bins, scale.none].map((bin) => (
          <li key={bin.tone} data-tone={bin.tone} data-min={bin.min ?? undefined} data-max={bin.max ?? undefined} data-fill={swatches[bin.tone].fill}>
            <span className={`swatch tone-${bin.tone}`} style={{ background: swatches[bin.tone].fill }} aria-hidden="true" />
            {bin.label}
          </li>
        ))}
      </ul>
      {scale.note || note ? <p className="note">{[scale.note, note].filter(Boolean).join(' ')}</p> : null}
    </figure>
  );
}
