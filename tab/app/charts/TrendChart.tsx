import { CategoryScale, Chart as ChartJS, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from "chart.js";
import { useContext, useMemo } from "react";
import { Line } from "react-chartjs-2";
import { ActiveTheme } from "../theme-context.js";
import { renderedMarker } from "./rendered.js";

ChartJS.register(LineController, CategoryScale, LinearScale, PointElement, LineElement, Tooltip, Legend);

/** The circle's overall maturity per cycle against the target level. The same figures are in the table beside it. */
export default function TrendChart({
  cycles,
  overall,
  targetLevel,
  targetLabel,
  levelLabels,
  description,
}: {
  cycles: string[];
  overall: (number | null)[];
  targetLevel: number;
  targetLabel: string;
  /** "1 Basic" … "4 Dynamic", for the level axis. */
  levelLabels: readonly string[];
  description: string;
}) {
  const theme = useContext(ActiveTheme);
  const marker = useMemo(() => renderedMarker("trend"), []);
  const text = theme.colorNeutralForeground1;
  const grid = theme.colorNeutralStroke2;
  return (
    <Line
      role="img"
      aria-label={description}
      plugins={[marker]}
      data={{
        labels: cycles,
        datasets: [
          { label: "Circle overall maturity", data: overall, borderColor: theme.colorBrandForeground1, backgroundColor: theme.colorBrandForeground1, borderWidth: 2, pointRadius: 4, spanGaps: true },
          { label: targetLabel, data: cycles.map(() => targetLevel), borderColor: theme.colorPaletteGreenBorderActive, borderDash: [6, 4], borderWidth: 2, pointRadius: 0 },
        ],
      }}
      options={{
        animation: false,
        maintainAspectRatio: false,
        layout: { padding: { right: 16 } },
        scales: {
          y: { min: 1, max: 4, ticks: { stepSize: 1, color: text, callback: (value) => levelLabels[Number(value) - 1] ?? String(value) }, grid: { color: grid } },
          x: { ticks: { color: text }, grid: { color: grid } },
        },
        plugins: { legend: { labels: { color: text } } },
      }}
    />
  );
}
