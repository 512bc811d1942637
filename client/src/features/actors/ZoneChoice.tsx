// The kit's actor map as a radio group: the four zones, each with its name and one line of the kit. Used at the join
// form and when changing hats; a native radio group, so arrows move between zones and `required` is the browser's own.
import { useId } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { ACTOR_ZONES, type ActorZone } from "#shared/model.ts";
import "./actors.css";

interface Props {
  /** The form field's name: the chosen zone arrives in the FormData under it. */
  name: string;
  legend: string;
  hint?: string;
  required: boolean;
  defaultValue?: ActorZone | "";
}

export function ZoneChoice({ name, legend, hint, required, defaultValue }: Props) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="fieldset zone-choice" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {ACTOR_ZONES.map((zone) => (
        // The zone's name is the radio's name; the kit's line describes it (read after the name, not as part of it).
        <div key={zone} className="zone-choice__option">
          <input
            type="radio"
            id={`${id}-${zone}-radio`}
            name={name}
            value={zone}
            required={required}
            defaultChecked={defaultValue === zone}
            aria-describedby={`${id}-${zone}`}
          />
          <label htmlFor={`${id}-${zone}-radio`} className="zone-choice__text">
            <span className="zone-choice__name">{t(`actors.zone.${zone}`)}</span>
            <span className="zone-choice__hint" id={`${id}-${zone}`} aria-hidden="true">
              {t(`actors.zoneHint.${zone}`)}
            </span>
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** The zone a form's data holds under this name, or undefined when none was chosen. */
export function zoneFrom(form: FormData, name: string): ActorZone | undefined {
  const value = form.get(name);
  return ACTOR_ZONES.find((zone) => zone === value);
}
