import { makeStyles, tokens } from "@fluentui/react-components";
import { NARROW } from "../layout.js";

/** Narrow, cells give their padding to the figures, so five columns fit in 360 px. */
const padding = { padding: "4px 8px", [NARROW]: { padding: "4px 4px" } } as const;
const headerCell = { ...padding, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, fontWeight: tokens.fontWeightSemibold, verticalAlign: "bottom" } as const;
const bodyCell = { ...padding, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` } as const;

/** Plain, readable data tables: the figures behind every chart, and the lists. */
export const useTableStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  header: { ...headerCell, textAlign: "left" },
  numericHeader: { ...headerCell, textAlign: "right" },
  cell: { ...bodyCell, textAlign: "left" },
  /** A cycle ("2026-Q3") or a date: never broken over two lines. */
  nowrap: { ...bodyCell, textAlign: "left", whiteSpace: "nowrap" },
  number: { ...bodyCell, textAlign: "right", fontVariantNumeric: "tabular-nums" },
});
