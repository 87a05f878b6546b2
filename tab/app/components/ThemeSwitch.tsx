import { Field, Select } from "@fluentui/react-components";
import { TEAMS_THEME_NAMES, THEME_LABELS, isTeamsThemeName, type TeamsThemeName } from "../theme.js";

/** Standalone only: in Teams the theme follows Teams. */
export function ThemeSwitch({ value, onChange }: { value: TeamsThemeName; onChange: (theme: TeamsThemeName) => void }) {
  return (
    <Field label="Theme" orientation="horizontal" size="small">
      <Select
        size="small"
        value={value}
        onChange={(_event, data) => {
          if (isTeamsThemeName(data.value)) onChange(data.value);
        }}
      >
        {TEAMS_THEME_NAMES.map((name) => (
          <option key={name} value={name}>
            {THEME_LABELS[name]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
