import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { FlowDay } from '@zhicheng/contracts';

const HEIGHT = 240;
const fmtDay = uPlot.fmtDate('{MM}-{DD}');
const toChina = (seconds: number) => uPlot.tzDate(new Date(seconds * 1000), 'Asia/Shanghai');

/** submissions and passes per China day, as lines (uPlot; loaded with this chart only). */
export default function FlowChart({ flow }: { flow: FlowDay[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = flow.map((d) => Date.parse(`${d.day}T00:00:00+08:00`) / 1000);
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: HEIGHT,
        tzDate: toChina,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(5, Math.ceil(max * 1.1))] } },
        series: [
          { label: '日期', value: (_u, v) => (v == null ? '' : fmtDay(toChina(v))) },
          { label: '提交', stroke: '#1677ff', width: 2, points: { show: true } },
          { label: '审核通过', stroke: '#52c41a', width: 2, points: { show: true } },
        ],
        axes: [
          { values: (_u, splits) => splits.map((s) => fmtDay(toChina(s))) },
          { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? String(s) : '')) },
        ],
      },
      [xs, flow.map((d) => d.submitted), flow.map((d) => d.passed)],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [flow]);
  return <div ref={box} data-testid="flow-chart" role="img" aria-label="近30天每日提交与审核通过数" />;
}
