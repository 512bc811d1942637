// At « Récit terminé », publishing the story (the kit: work in the open, share what the table found): the facilitator
// publishes it at a public read-only address and takes it back; each person seated says whether their name may appear
// there (off until they tick it, theirs to change). An observer sees none of it.
import { useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { publicStoryPath } from "#shared/protocol-constants.ts";
import { act } from "#client/net/connection.ts";
import { selectMe, showNotice, useTableStore } from "#client/store/table-store.ts";
import { useAmFacilitator } from "#client/store/can.ts";
import { CopyField } from "#client/ui/CopyField.tsx";
import "./publication.css";

export function Publication() {
  const { t } = useTranslation();
  const me = useTableStore(selectMe);
  const facilitating = useAmFacilitator();
  if (!me || me.observer) return null;

  return (
    <section className="publication" aria-labelledby="publication-heading">
      <h3 id="publication-heading">{t(facilitating ? "kitPublish.heading" : "kitPublish.myNameHeading")}</h3>
      {facilitating ? <PublishTools /> : <PublishedLink />}
      <MyName />
    </section>
  );
}

/** The public address of the story, or "" when it is not published. */
function usePublicLink(): string {
  const id = useTableStore((s) => s.table?.publicationId ?? "");
  return id ? window.location.origin + publicStoryPath(id) : "";
}

/** Publish or take back, the address to share, and how many people agreed to be named. */
function PublishTools() {
  const { t } = useTranslation();
  const link = usePublicLink();
  const participants = useTableStore((s) => s.table?.participants);
  const [withdrawn, setWithdrawn] = useState(false);
  // Whose name could appear: everyone still at the table (someone taken off it never is).
  const people = participants?.filter((p) => !p.removed) ?? [];
  const named = people.filter((p) => p.namedInPublication).length;

  async function toggle() {
    const refusal = await act(link ? { type: "unpublish" } : { type: "publish" });
    if (refusal) return;
    showNotice("info", t(link ? "kitPublish.unpublished" : "kitPublish.published"));
    setWithdrawn(Boolean(link));
  }

  return (
    <>
      <p className="field__hint">{t("kitPublish.intro")}</p>
      <p className={link ? "publication__status publication__status--on" : "publication__status"}>
        {t(link ? "kitPublish.publishedStatus" : "kitPublish.notPublishedStatus")}
      </p>
      {link && (
        <>
          <CopyField label={t("kitPublish.publicLink")} copyLabel={t("kitPublish.copy")} value={link} />
          <a className="publication__open" href={link} target="_blank" rel="noopener noreferrer">
            {t("kitPublish.open")}
          </a>
        </>
      )}
      <p className="publication__consents">{t("kitPublish.consents", { count: named, total: people.length })}</p>
      <button type="button" className={link ? "button" : "button button--primary"} onClick={() => void toggle()}>
        {t(link ? "kitPublish.unpublish" : "kitPublish.publish")}
      </button>
      {withdrawn && !link && <p className="field__hint">{t("kitPublish.republishHint")}</p>}
    </>
  );
}

/** What a participant is told: where the story is published, or that their name would appear only if they agree. */
function PublishedLink() {
  const { t } = useTranslation();
  const link = usePublicLink();
  if (!link) return <p className="field__hint">{t("kitPublish.participantNotPublished")}</p>;
  return (
    <p>
      {t("kitPublish.participantPublished")}{" "}
      <a href={link} target="_blank" rel="noopener noreferrer">
        {link}
      </a>
    </p>
  );
}

/** « Mon nom dans le récit publié »: off by default; shown ticked as soon as it is, then as the table has it. */
function MyName() {
  const { t } = useTranslation();
  const myId = useTableStore((s) => s.me?.participantId);
  const people = useTableStore((s) => s.table?.participants);
  const [sending, setSending] = useState<boolean | null>(null);
  const place = people?.findIndex((p) => p.id === myId) ?? -1;
  const mine = people?.[place];
  if (!mine) return null;

  async function choose(named: boolean) {
    setSending(named);
    await act({ type: "nameInPublication", named });
    setSending(null);
  }

  return (
    <div className="publication__name">
      <label>
        <input
          type="checkbox"
          checked={sending ?? mine.namedInPublication}
          aria-describedby="my-name-hint"
          onChange={(e) => void choose(e.currentTarget.checked)}
        />
        {t("kitPublish.myName")}
      </label>
      <p className="field__hint" id="my-name-hint">
        {t("kitPublish.myNameHint", { anonymous: t("anonymise.name", { number: place + 1 }) })}
      </p>
    </div>
  );
}
