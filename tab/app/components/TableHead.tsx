import { useTableStyles } from "./table-styles.js";

/** A column header: a label, or a label over figures (aligned to the end, like the figures under it). */
export type Column = string | { label: string; numeric: true };

/** The header row of a data table: one column header per label, in order. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  const tables = useTableStyles();
  return (
    <thead>
      <tr>
        {columns.map((column, index) => {
          const label = typeof column === "string" ? column : column.label;
          return (
            <th key={`${index}:${label}`} scope="col" className={typeof column === "string" ? tables.header : tables.numericHeader}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** A column of figures. */
export function numeric(label: string): Column {
  return { label, numeric: true };
}
