// Changing hats: during play and its debrief, I say who I speak as now (« citoyen·ne » in one tap, as the kit invites)
// and where I now stand on the actor map. What I already wrote keeps the role I had then.
import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import type { SeatView } from "#client/net/types.ts";
import { useCan } from "#client/store/can.ts";
import { ZoneChoice, zoneFrom } from "./ZoneChoice.tsx";
import "./actors.css";

export function ChangeHat({ me }: { me: SeatView }) {
  const { t } = useTranslation();
  const may = useCan("changeRole");
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState("");
  const roleId = useId();
  const introId = useId();
  const roleInput = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  if (!may) return null;

  function close() {
    setOpen(false);
    opener.current?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = String(form.get("role") ?? "");
    const zone = zoneFrom(form, "hat-zone");
    setSaving(true);
    const refusal = await act({ type: "changeRole", role, ...(zone && { zone }) });
    setSaving(false);
    if (refusal) return;
    setDone(t("actors.hat.changed", { role: role.trim() }));
    close();
  }

  return (
    <div className="change-hat">
      {!open ? (
        <button
          ref={opener}
          type="button"
          className="button button--small"
          onClick={() => {
            setDone("");
            setOpen(true);
          }}
        >
          {t("actors.hat.open")}
        </button>
      ) : (
        <form className="change-hat__form" onSubmit={submit} aria-describedby={introId}>
          <p className="field__hint" id={introId}>
            {t("actors.hat.intro")}
          </p>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              if (roleInput.current) roleInput.current.value = t("actors.hat.citizen");
              roleInput.current?.focus();
            }}
          >
            {t("actors.hat.asCitizen")}
          </button>
          <div className="field">
            <label htmlFor={roleId}>{t("actors.hat.role")}</label>
            <input
              ref={roleInput}
              id={roleId}
              name="role"
              required
              maxLength={LIMITS.roleLength}
              defaultValue={me.role}
              autoFocus
            />
          </div>
          <ZoneChoice name="hat-zone" legend={t("actors.join.legend")} required={false} defaultValue={me.zone} />
          <div className="inline-row">
            <button type="submit" className="button button--primary button--small" disabled={saving}>
              {t("actors.hat.submit")}
            </button>
            <button type="button" className="button button--small" onClick={close}>
              {t("actors.hat.cancel")}
            </button>
          </div>
        </form>
      )}
      <p className="visually-hidden" role="status">
        {done}
      </p>
    </div>
  );
}
