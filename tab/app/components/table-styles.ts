import { makeStyles, tokens } from "@fluentui/react-components";

/** Plain, readable data tables: the figures behind every chart, and the lists. */
export const useTableStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  caption: { textAlign: "left", fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS },
  header: { textAlign: "left", padding: "4px 8px", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, fontWeight: tokens.fontWeightSemibold },
  cell: { textAlign: "left", padding: "4px 8px", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  number: { textAlign: "right", padding: "4px 8px", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, fontVariantNumeric: "tabular-nums" },
});
