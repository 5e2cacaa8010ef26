'use client';
// The one ECharts wrapper: renders an option, follows its container's size, carries a text
// description for screen readers, and offers the chart as an image file. Numbers in the chart are
// written in the page's language here (lib/chart-numbers.ts): the option crosses from the server as
// data, without formatter functions.
import { useEffect, useRef } from 'react';
import type { EChartsOption } from 'echarts';
import { localize, type ChartNumbers } from '@/lib/chart-numbers';
import type { Lang } from '@/lib/i18n';
import '../app/charts.css';

const printWidth = 690;

interface Chart { setOption(o: EChartsOption): void; resize(o?: { width?: number }): void; dispose(): void; getDataURL(o: { type: 'svg' }): string }

export function EChart({ option, numbers, lang, label, fileName, downloadText, height = 320 }: {
  option: EChartsOption; numbers?: ChartNumbers; lang: Lang; label: string; fileName: string; downloadText: string; height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | undefined>(undefined);
  // Paper is narrower than most screens, and the browser lays out the printed page without giving a
  // ResizeObserver its turn: the chart is redrawn to the width of A4 (190 mm of print area, less the
  // section's padding) before printing, and back after.
  useEffect(() => {
    const toPaper = () => chart.current?.resize({ width: Math.min(ref.current?.clientWidth ?? printWidth, printWidth) });
    const toScreen = () => chart.current?.resize();
    window.addEventListener('beforeprint', toPaper);
    window.addEventListener('afterprint', toScreen);
    return () => {
      window.removeEventListener('beforeprint', toPaper);
      window.removeEventListener('afterprint', toScreen);
    };
  }, []);
  useEffect(() => {
    let disposed = false;
    const observer = new ResizeObserver(() => chart.current?.resize());
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return;
      chart.current = echarts.init(ref.current, undefined, { renderer: 'svg' }) as unknown as Chart;
      chart.current.setOption(localize(option, numbers, lang));
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, [option, numbers, lang]);
  const download = () => {
    if (!chart.current) return;
    const link = document.createElement('a');
    link.href = chart.current.getDataURL({ type: 'svg' });
    link.download = `${fileName}.svg`;
    link.click();
  };
  return (
    <>
      <div ref={ref} role="img" aria-label={label} className="echart" style={{ width: '100%', height }} />
      <button type="button" className="download" onClick={download}>{downloadText}</button>
    </>
  );
}
