// The debrief: each participant writes where they stand in the desirable future and how they act in this transition,
// and what they commit to; everyone reads them, sees how many are written, and celebrates when the table has won.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { LIMITS } from "#shared/model.ts";
import { act } from "#client/net/connection.ts";
import type { SeatView } from "#client/net/types.ts";
import { useTableStore } from "#client/store/table-store.ts";
import { dropDraft, readDraft, writeDraft } from "../table/drafts.ts";
import { useReturnFocus } from "../table/use-return-focus.ts";
import { useCan, useMyId } from "#client/store/can.ts";
import { Celebration } from "./Celebration.tsx";
import { CommitmentField, CommitmentLine } from "./Commitment.tsx";

/** Drafts share the narrations' store: one key per table for my debrief, one for my commitment. */
const DRAFT_KEY = "debrief";
const COMMITMENT_DRAFT_KEY = "commitment";

export function DebriefPanel() {
  const { t } = useTranslation();
  const phase = useTableStore((s) => s.table?.phase);
  const people = useTableStore((s) => s.table?.participants);
  const won = useTableStore((s) => s.table?.won ?? false);
  const myId = useMyId();
  if ((phase !== "debrief" && phase !== "closed") || !people) return null;

  // The players whose debriefs make the table win: seated, not facilitating.
  const players = people.filter((p) => !p.removed && !p.facilitator);
  const written = players.filter((p) => p.debrief);
  const me = players.find((p) => p.id === myId);

  return (
    <section className="panel debrief" aria-labelledby="debrief-heading">
      <h2 id="debrief-heading">{t("play.debrief.heading")}</h2>
      <Celebration won={won} />
      {phase === "debrief" && <p className="field__hint">{t("play.debrief.intro")}</p>}
      <p className="debrief__progress">
        <progress max={players.length || 1} value={written.length} aria-hidden="true" />{" "}
        {t("play.debrief.progress", { count: written.length, total: players.length })}
      </p>
      {me && <MyDebrief me={me} />}
      <h3 id="debrief-list-heading">{t("play.debrief.listHeading")}</h3>
      {written.length === 0 ? (
        <p className="panel__empty">{t("play.debrief.nobodyYet")}</p>
      ) : (
        <ul className="debrief__list" aria-labelledby="debrief-list-heading">
          {players.map((p) =>
            p.debrief ? (
              <li key={p.id} className="debrief__item">
                <blockquote>
                  <p className="pre-wrap">{p.debrief}</p>
                  <CommitmentLine text={p.commitment} />
                  <footer>
                    {p.name} ({p.role})
                  </footer>
                </blockquote>
              </li>
            ) : (
              <li key={p.id} className="debrief__item debrief__item--todo">
                {t("play.debrief.notYet", { name: p.name })}
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}

function MyDebrief({ me }: { me: SeatView }) {
  const { t } = useTranslation();
  const canWrite = useCan("writeDebrief");
  const tableId = useTableStore((s) => s.table?.id ?? "");
  const connected = useTableStore((s) => s.connection.status === "connected");
  const draft = readDraft(tableId, DRAFT_KEY);
  const commitmentDraft = readDraft(tableId, COMMITMENT_DRAFT_KEY);
  const [editing, setEditing] = useState(!me.debrief || draft !== null || commitmentDraft !== null);
  const [text, setText] = useState(draft ?? me.debrief);
  const [commitment, setCommitment] = useState(commitmentDraft ?? me.commitment);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Saved or cancelled: the form gives way to my debrief as the table reads it, under its heading, which takes the focus
  // (it was in the form, or fell to the page while the text went to the server); « Modifier » follows it.
  const returnFocus = useReturnFocus(editing);

  // Written elsewhere (another tab) while not editing here: show the latest.
  const latest = useRef(me.debrief);
  useEffect(() => {
    if (!editing && latest.current !== me.debrief) setText(me.debrief);
    latest.current = me.debrief;
  }, [me.debrief, editing]);
  const latestCommitment = useRef(me.commitment);
  useEffect(() => {
    if (!editing && latestCommitment.current !== me.commitment) setCommitment(me.commitment);
    latestCommitment.current = me.commitment;
  }, [me.commitment, editing]);

  if (!canWrite) return null; // after the debrief phase, my debrief is read in the list like everyone's

  function close() {
    returnFocus(form.current, () => heading.current);
    setEditing(false);
  }

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    setSaving(true);
    const refusal = await act({ type: "writeDebrief", text, commitment });
    setSaving(false);
    if (refusal) return; // the text stays, in the form and in the draft
    dropDraft(tableId, DRAFT_KEY);
    dropDraft(tableId, COMMITMENT_DRAFT_KEY);
    close();
  }

  if (!editing) {
    return (
      <div className="debrief__mine">
        <h3 ref={heading} tabIndex={-1}>
          {t("play.debrief.mine")}
        </h3>
        <p className="pre-wrap">{me.debrief}</p>
        <h4>{t("kitStakes.commitment.mine")}</h4>
        <p className={me.commitment ? "pre-wrap" : "panel__empty"}>{me.commitment || t("kitStakes.commitment.none")}</p>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setText(me.debrief);
            setCommitment(me.commitment);
            setEditing(true);
          }}
        >
          {t("play.debrief.edit")}
        </button>
      </div>
    );
  }

  return (
    <form ref={form} className="debrief__form" onSubmit={save}>
      <label htmlFor={id}>{t("play.debrief.label")}</label>
      <textarea
        id={id}
        rows={5}
        value={text}
        maxLength={LIMITS.debriefLength}
        aria-describedby={`${id}-count`}
        onChange={(e) => {
          setText(e.target.value);
          writeDraft(tableId, DRAFT_KEY, e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save();
        }}
      />
      <p className="field__hint" id={`${id}-count`}>
        {t("play.debrief.counter", { count: text.length, max: LIMITS.debriefLength })}
        {readDraft(tableId, DRAFT_KEY) !== null && ` — ${t("play.debrief.draftKept")}`}
      </p>
      <CommitmentField
        value={commitment}
        onChange={(value) => {
          setCommitment(value);
          writeDraft(tableId, COMMITMENT_DRAFT_KEY, value);
        }}
        onSubmit={() => void save()}
      />
      <div className="inline-row">
        {/* Not disabled while saving: the focus stays on it until the debrief is saved (see close). */}
        <button
          type="submit"
          className="button button--primary"
          disabled={!text.trim()}
          aria-disabled={saving || undefined}
        >
          {saving ? (connected ? t("play.debrief.saving") : t("play.debrief.queued")) : t("play.debrief.submit")}
        </button>
        {me.debrief && (
          <button
            type="button"
            className="button"
            onClick={() => {
              dropDraft(tableId, DRAFT_KEY);
              dropDraft(tableId, COMMITMENT_DRAFT_KEY);
              setText(me.debrief);
              setCommitment(me.commitment);
              close();
            }}
          >
            {t("play.debrief.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
