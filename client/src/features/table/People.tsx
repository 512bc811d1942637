// Who is at the table (their role now and their zone on the kit's actor map), who is online, how many cards each one
// holds, who has written their debrief; for the facilitator: the table's balance on the actor map, remove someone, share
// or hand over the facilitation; for me: change hats.
import { useId, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { act, rotateInvite } from "#client/net/connection.ts";
import type { SeatView } from "#client/net/types.ts";
import { selectMe, useTableStore } from "#client/store/table-store.ts";
import { ChangeHat } from "../actors/ChangeHat.tsx";
import { TableBalance } from "../actors/TableBalance.tsx";
import { useAmFacilitator, useCan } from "#client/store/can.ts";
import { AnonymiseMe, AnonymiseOther } from "./Anonymise.tsx";

export function People() {
  const { t } = useTranslation();
  const people = useTableStore((s) => s.table?.participants ?? []);
  const phase = useTableStore((s) => s.table?.phase);
  const me = useTableStore(selectMe);
  const seated = people.filter((p) => !p.removed);
  const removed = people.filter((p) => p.removed);
  // Those the workshop moved to another table left for it: they are not shown as taken off.
  const movedAway = removed.filter((p) => p.movedTo);
  const takenOff = removed.filter((p) => !p.movedTo);
  const showDebrief = phase === "debrief" || phase === "closed";
  const facilitating = useAmFacilitator();

  return (
    <section className="panel people" aria-labelledby="people-heading">
      <h2 id="people-heading">{t("people.heading", { count: seated.length })}</h2>
      <ul className="people__list" aria-label={t("people.list")}>
        {seated.map((p) => (
          <li key={p.id} className={`person${p.connected ? "" : " person--offline"}`}>
            <span className={`presence presence--${p.connected ? "online" : "offline"}`} aria-hidden="true" />
            <span className="person__name">
              {p.name}
              {p.id === me?.participantId && ` (${t("people.me")})`}
            </span>
            <span className="person__role">
              {p.role}
              {p.facilitator && p.role.toLowerCase() !== t("people.facilitator") && ` · ${t("people.facilitator")}`}
              {p.zone && <span className="person__zone">{t(`actors.zone.${p.zone}`)}</span>}
            </span>
            <span className="person__meta">
              {p.connected ? t("people.online") : t("people.offline")} · {t("people.cards", { count: p.handCount })}
            </span>
            {showDebrief && !p.facilitator && (
              <span className={`person__debrief${p.debrief ? " person__debrief--done" : ""}`}>
                {p.debrief ? t("play.people.debriefDone") : t("play.people.debriefTodo")}
              </span>
            )}
            {p.id !== me?.participantId ? (
              <PersonActions person={p} />
            ) : (
              <>
                <ChangeHat me={p} />
                <AnonymiseMe me={p} />
              </>
            )}
          </li>
        ))}
      </ul>
      {/* In preparation the setup shows the balance in full, with the kit's advice. */}
      {facilitating && phase !== "preparation" && <TableBalance advice={false} />}
      {takenOff.length > 0 && (
        <p className="people__removed">
          <strong>{t("play.people.removedHeading")} :</strong> {takenOff.map((p) => p.name).join(", ")}
        </p>
      )}
      {movedAway.length > 0 && (
        <p className="people__removed">
          <strong>{t("workshopRules.moved.heading")} :</strong>{" "}
          {movedAway.map((p) => `${p.name}, ${t("workshopRules.moved.label", { table: p.movedTo })}`).join(" ; ")}
        </p>
      )}
      {/* Someone removed can no longer act: the facilitator anonymises them when they ask. */}
      {removed.map((p) => (
        <AnonymiseOther key={p.id} person={p} />
      ))}
    </section>
  );
}

/** The facilitator's actions on one person, behind a disclosure so the list stays readable on a phone. */
function PersonActions({ person }: { person: SeatView }) {
  const { t } = useTranslation();
  const canRemove = useCan("removeParticipant");
  const canShare = useCan("setFacilitator");
  const canHandOver = useCan("handOver");
  const [confirming, setConfirming] = useState<"remove" | "handOver" | null>(null);
  const canAnonymise = useCan("anonymiseParticipant");
  if (!canRemove && !canShare && !canHandOver && !canAnonymise) return null;
  const name = person.name;

  return (
    <details className="person__actions">
      <summary>{t("play.people.manage", { name })}</summary>
      {confirming === "remove" ? (
        <Confirm
          hint={t("play.people.removeHint", { name })}
          confirm={t("play.people.confirmRemove", { name })}
          onConfirm={() =>
            void act({ type: "removeParticipant", participantId: person.id }).then(() => setConfirming(null))
          }
          onCancel={() => setConfirming(null)}
          // Removed, they could come back as someone new with the same link: a new link keeps them out.
          also={{
            label: t("share.removeAndRotate"),
            hint: t("share.rotateInviteHint"),
            onClick: () =>
              void act({ type: "removeParticipant", participantId: person.id }).then(async (refusal) => {
                if (!refusal) await rotateInvite();
                setConfirming(null);
              }),
          }}
        />
      ) : confirming === "handOver" ? (
        <Confirm
          hint={t("play.people.handOverHint", { name })}
          confirm={t("play.people.confirmHandOver", { name })}
          onConfirm={() => void act({ type: "handOver", participantId: person.id }).then(() => setConfirming(null))}
          onCancel={() => setConfirming(null)}
        />
      ) : (
        <div className="person__buttons">
          {canShare && (
            <button
              type="button"
              className="button button--small"
              onClick={() =>
                void act({ type: "setFacilitator", participantId: person.id, facilitator: !person.facilitator })
              }
            >
              {person.facilitator
                ? t("play.people.unmakeFacilitator", { name })
                : t("play.people.makeFacilitator", { name })}
            </button>
          )}
          {canHandOver && (
            <button type="button" className="button button--small" onClick={() => setConfirming("handOver")}>
              {t("play.people.handOver", { name })}
            </button>
          )}
          {canRemove && (
            <button type="button" className="button button--small" onClick={() => setConfirming("remove")}>
              {t("play.people.remove", { name })}
            </button>
          )}
          <AnonymiseOther person={person} />
        </div>
      )}
    </details>
  );
}

interface ConfirmProps {
  hint: string;
  confirm: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** A second way to confirm, with its own hint. */
  also?: { label: string; hint: string; onClick: () => void };
}

function Confirm({ hint, confirm, onConfirm, onCancel, also }: ConfirmProps) {
  const { t } = useTranslation();
  const alsoHint = useId();
  return (
    <div className="person__confirm">
      <p className="field__hint">{hint}</p>
      {also && (
        <p className="field__hint" id={alsoHint}>
          {also.hint}
        </p>
      )}
      <div className="inline-row">
        <button type="button" className="button button--danger button--small" onClick={onConfirm}>
          {confirm}
        </button>
        {also && (
          <button
            type="button"
            className="button button--danger button--small"
            aria-describedby={alsoHint}
            onClick={also.onClick}
          >
            {also.label}
          </button>
        )}
        <button type="button" className="button button--small" onClick={onCancel}>
          {t("play.people.cancel")}
        </button>
      </div>
    </div>
  );
}
