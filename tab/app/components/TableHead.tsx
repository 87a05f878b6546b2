import { useTableStyles } from "./table-styles.js";

/** The header row of a data table: one column header per label, in order. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  const tables = useTableStyles();
  return (
    <thead>
      <tr>
        {columns.map((label, index) => (
          <th key={`${index}:${label}`} scope="col" className={tables.header}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
