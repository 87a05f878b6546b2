import { Chart as ChartJS, Filler, Legend, LineElement, PointElement, RadarController, RadialLinearScale, Tooltip } from "chart.js";
import { useContext, useMemo } from "react";
import { Radar } from "react-chartjs-2";
import { ActiveTheme, withAlpha } from "../theme-context.js";
import { renderedMarker } from "./rendered.js";

ChartJS.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, Tooltip, Legend);

export interface RadarSeries {
  label: string;
  values: (number | null)[];
}

/** A member against the circle's median on the 1–4 stage scale. The same figures are in the table beside it. */
export default function RadarChart({ labels, member, median, description }: { labels: string[]; member: RadarSeries; median: RadarSeries; description: string }) {
  const theme = useContext(ActiveTheme);
  const marker = useMemo(() => renderedMarker("radar"), []);
  const text = theme.colorNeutralForeground1;
  const grid = theme.colorNeutralStroke2;
  return (
    <Radar
      role="img"
      aria-label={description}
      plugins={[marker]}
      data={{
        labels: labels.map(wrapLabel),
        datasets: [
          { label: member.label, data: member.values, borderColor: theme.colorBrandForeground1, backgroundColor: withAlpha(theme.colorBrandBackground, 0.2), pointBackgroundColor: theme.colorBrandForeground1, borderWidth: 2, spanGaps: true },
          { label: median.label, data: median.values, borderColor: theme.colorPaletteMarigoldBorderActive, backgroundColor: "transparent", borderDash: [6, 4], pointBackgroundColor: theme.colorPaletteMarigoldBorderActive, pointStyle: "rectRot", borderWidth: 2, spanGaps: true },
        ],
      }}
      options={{
        animation: false,
        maintainAspectRatio: false,
        layout: { padding: 0 },
        scales: {
          r: {
            min: 0,
            max: 4,
            ticks: { stepSize: 1, color: text, backdropColor: "transparent", font: { size: 10 } },
            grid: { color: grid },
            angleLines: { color: grid },
            pointLabels: { color: text, font: { size: 11 }, padding: 4 },
          },
        },
        plugins: { legend: { position: "bottom", labels: { color: text } } },
      }}
    />
  );
}

/** Long area names on two or three short lines, so the radar keeps its size. */
function wrapLabel(label: string): string[] {
  const lines: string[] = [];
  for (const word of label.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + word.length < 14) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}
