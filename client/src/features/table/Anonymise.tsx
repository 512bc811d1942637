// Anonymisation (GDPR): « M'anonymiser » next to one's own name, and, for the facilitator, « Anonymiser … » for someone
// who asked them. Each sits behind a disclosure whose confirmation says what changes and what stays.
import { useId, useRef, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import type { Action } from "#shared/model.ts";
import { isAnonymousName } from "#shared/rules/moves/anonymise.ts";
import { act } from "#client/net/connection.ts";
import type { SeatView } from "#client/net/types.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { useCan } from "#client/store/can.ts";

/** The name and role this person would take: « Participant·e N », N their place in the order of arrival. */
function useAnonymousIdentity(personId: string): { name: string; role: string } {
  const { t } = useTranslation();
  const number = useTableStore((s) => (s.table?.participants.findIndex((p) => p.id === personId) ?? -1) + 1);
  return { name: t("anonymise.name", { number }), role: t("anonymise.role") };
}

/** « M'anonymiser », for my own entry in the list of people; gone once I am anonymised. */
export function AnonymiseMe({ me }: { me: SeatView }) {
  const { t } = useTranslation();
  const can = useCan("anonymise");
  const identity = useAnonymousIdentity(me.id);
  const [done, setDone] = useState(false);
  const status = (
    <p className="person__status" role="status">
      {done ? t("anonymise.me.done", { name: me.name }) : ""}
    </p>
  );
  if (!can || isAnonymousName(me.name)) return status;
  return (
    <>
      <AnonymiseDisclosure
        summary={t("anonymise.me.open")}
        lines={[t("anonymise.me.explain", identity), t("anonymise.me.keeps", identity), t("anonymise.me.irreversible")]}
        confirm={t("anonymise.me.confirm")}
        action={{ type: "anonymise" }}
        onDone={() => setDone(true)}
      />
      {status}
    </>
  );
}

/** For the facilitator: « Anonymiser Bastien », for someone who asked (removed, gone, or without their device). */
export function AnonymiseOther({ person }: { person: SeatView }) {
  const { t } = useTranslation();
  const can = useCan("anonymiseParticipant");
  const identity = useAnonymousIdentity(person.id);
  if (!can || isAnonymousName(person.name)) return null;
  const name = person.name;
  return (
    <AnonymiseDisclosure
      summary={t("anonymise.other.open", { name })}
      lines={[t("anonymise.other.explain", { name, anonymous: identity.name, role: identity.role })]}
      confirm={t("anonymise.other.confirm", { name })}
      action={{ type: "anonymiseParticipant", participantId: person.id }}
    />
  );
}

interface DisclosureProps {
  summary: string;
  /** What changes and what stays, read before confirming (and by screen readers with the confirm button). */
  lines: string[];
  confirm: string;
  action: Action;
  onDone?: () => void;
}

function AnonymiseDisclosure({ summary, lines, confirm, action, onDone }: DisclosureProps) {
  const { t } = useTranslation();
  const explained = useId();
  const details = useRef<HTMLDetailsElement>(null);
  const [sending, setSending] = useState(false);
  const close = () => {
    if (details.current) details.current.open = false;
    details.current?.querySelector("summary")?.focus();
  };
  const send = async () => {
    setSending(true);
    const refusal = await act(action);
    setSending(false);
    if (refusal) return;
    close();
    onDone?.();
  };
  return (
    <details className="person__actions person__anonymise" ref={details}>
      <summary>{summary}</summary>
      <div className="person__confirm">
        <div id={explained}>
          {lines.map((line) => (
            <p key={line} className="field__hint">
              {line}
            </p>
          ))}
        </div>
        <div className="inline-row">
          <button
            type="button"
            className="button button--danger button--small"
            aria-describedby={explained}
            disabled={sending}
            onClick={() => void send()}
          >
            {confirm}
          </button>
          <button type="button" className="button button--small" onClick={close}>
            {t("anonymise.me.cancel")}
          </button>
        </div>
      </div>
    </details>
  );
}
