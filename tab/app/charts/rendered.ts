import type { Plugin } from "chart.js";

/**
 * Marks a chart's canvas once it has drawn (data-rendered, and a User Timing mark), so the time to a
 * complete dashboard can be measured in the field and in the benchmark.
 */
export function renderedMarker(name: string): Plugin {
  return {
    id: `rendered-${name}`,
    afterRender: (chart) => {
      if (chart.canvas.dataset.rendered === "true") return;
      chart.canvas.dataset.rendered = "true";
      performance.mark(`dashboard:${name}-rendered`);
    },
  };
}
