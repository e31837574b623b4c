import { useEffect, useRef } from "react";
import type { EChartsCoreOption } from "echarts/core";
import { useT } from "~/i18n/index.ts";

/**
 * One ECharts chart, drawn in the browser only (dynamic import in an effect, SVG renderer). The chart is
 * an image for assistive technology; the same numbers are in the table each caller puts beside it.
 */
export function PlanChart({ title, option, height = 320, testId }: { title: string; option: EChartsCoreOption; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const t = useT();
  // Keyed on the option's content, so a re-render with an equal option does not redraw the chart.
  const json = JSON.stringify(option);
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void (async () => {
      const [core, charts, components, renderers] = await Promise.all([
        import("echarts/core"),
        import("echarts/charts"),
        import("echarts/components"),
        import("echarts/renderers"),
      ]);
      if (disposed || !ref.current) return;
      core.use([
        charts.BarChart,
        charts.LineChart,
        components.GridComponent,
        components.TooltipComponent,
        components.LegendComponent,
        renderers.SVGRenderer,
      ]);
      const chart = core.init(ref.current, null, { renderer: "svg" });
      chart.setOption(JSON.parse(json) as EChartsCoreOption);
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(ref.current);
      dispose = () => {
        observer.disconnect();
        chart.dispose();
      };
    })();
    return () => {
      disposed = true;
      dispose();
    };
  }, [json]);
  return (
    <div
      ref={ref}
      className="plan-chart"
      role="img"
      aria-label={t("plan.dashboard.chartLabel", { title })}
      style={{ height }}
      data-testid={testId}
    />
  );
}
