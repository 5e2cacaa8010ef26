'use client';
// Choropleth of Hanoi's districts (before 2025-07-01) for one KPI; a click opens the district's page.
// Each district comes with its colour already chosen on the server from the fixed scale the legend
// and the commune tiles share (lib/scales.ts), so the map has no scale of its own.
import { useEffect, useRef, useState } from 'react';
import { escapeHtml } from '@/lib/html';
import { districtTooltip } from '@/lib/map-tooltip';

export interface DistrictValue { adminCode: string; name: string; value: number | null; display: string; href: string; fill: string; level: string }

interface MapChart { setOption(o: unknown): void; resize(): void; dispose(): void; on(event: string, handler: (p: { name?: string }) => void): void }

/** The outlines and ECharts arrive after the page: until they do, the map's place says it is loading; if they cannot, it says that. */
type Drawing = 'loading' | 'drawn' | 'failed';

/**
 * `noData` colours a district the breakdown has no row for (the legend's "no data" swatch);
 * `loadingText` and `failedText` are what the map's place says while it loads and if it cannot.
 */
export function DistrictMap({ districts, metricLabel, label, noData, loadingText, failedText }: {
  districts: DistrictValue[]; metricLabel: string; label: string; noData: string; loadingText: string; failedText: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [drawing, setDrawing] = useState<Drawing>('loading');
  useEffect(() => {
    let disposed = false;
    let chart: MapChart | undefined;
    const observer = new ResizeObserver(() => chart?.resize());
    const outlinesLoaded = fetch('/ban-do/quan-huyen-2022').then((r) => {
      if (!r.ok) throw new Error(`the district outlines answered ${r.status}`);
      return r.json();
    });
    setDrawing('loading');
    Promise.all([import('echarts'), outlinesLoaded]).then(([echarts, outlines]) => {
      if (disposed || !ref.current) return;
      echarts.registerMap('hanoi-2022', outlines);
      chart = echarts.init(ref.current, undefined, { renderer: 'svg' }) as unknown as MapChart;
      const byCode = new Map(districts.map((d) => [d.adminCode, d]));
      chart.setOption({
        animation: false,
        // ECharts puts the formatter's string in the page as HTML: names are escaped (lib/map-tooltip).
        tooltip: { trigger: 'item', className: 'chart-tooltip', formatter: (p: { name: string }) => { const d = byCode.get(p.name); return d ? districtTooltip(d, metricLabel) : escapeHtml(p.name); } },
        series: [{
          type: 'map', map: 'hanoi-2022', nameProperty: 'code', roam: false,
          label: { show: false },
          itemStyle: { areaColor: noData, borderColor: '#ffffff', borderWidth: 1 },
          // A label is drawn as SVG text (a text node), not HTML: the name needs no escaping there.
          // The hovered district keeps its colour (a highlight colour would read as a level); its name
          // sits on white, readable on every fill.
          emphasis: { itemStyle: { borderColor: '#111111', borderWidth: 2 }, label: { show: true, color: '#111111', backgroundColor: 'rgba(255,255,255,0.9)', padding: [2, 4], borderRadius: 3, formatter: (p: { name: string }) => byCode.get(p.name)?.name.replace(/^UBND /, '') ?? '' } },
          data: districts.map((d) => ({ name: d.adminCode, value: d.value, itemStyle: { areaColor: d.fill }, emphasis: { itemStyle: { areaColor: d.fill } } })),
        }],
      });
      chart.on('click', (p) => { const d = p.name ? byCode.get(p.name) : undefined; if (d) window.location.href = d.href; });
      observer.observe(ref.current);
      setDrawing('drawn');
    }).catch(() => { if (!disposed) setDrawing('failed'); });
    return () => {
      disposed = true;
      observer.disconnect();
      chart?.dispose();
    };
  }, [districts, metricLabel, noData]);
  // The map's place is kept while it loads (the page does not jump when it comes) and given up if it cannot.
  return (
    <div className="map-frame">
      {drawing === 'failed'
        ? <p role="alert" className="error">{failedText}</p>
        : <div ref={ref} role="img" aria-label={label} aria-busy={drawing === 'loading'} className="map" style={{ width: '100%', height: 520 }} />}
      {drawing === 'loading' ? <p role="status" className="note map-status">{loadingText}</p> : null}
    </div>
  );
}
