// The facilitator's tools, in a drawer that opens from the header: the participant link (copy, QR code, join code) and
// the observer link, arrivals (lock), undo, a timer to start, a pitfall to deal, the downloads, deleting the table.
// A side panel over the right-hand column on a wide screen, a modal dialog on a phone: it never pushes the story away.
import { useEffect, useRef } from "react";
import { QRCodeSVG } from "qrcode.react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { formatJoinCode, normaliseJoinCode } from "#shared/join-code.ts";
import type { StoryFormat } from "#shared/protocol.ts";
import { act, rotateInvite, type Secret } from "#client/net/connection.ts";
import { downloadStory, downloadTableDeck, downloadWrittenChallenges } from "#client/net/api.ts";
import { showNotice, useTableStore } from "#client/store/table-store.ts";
import { PlayControls } from "../play/PlayControls.tsx";
import { AnnounceForm } from "../workshop-table/AnnounceForm.tsx";
import { presentationAddress } from "../present/use-presentation.ts";
import { DeleteTable, RetentionDate } from "./DeleteTable.tsx";
import { useShareLinks } from "./use-share-links.ts";
import { CopyField } from "#client/ui/CopyField.tsx";
import "../preparation/preparation.css";

/** At least this wide, the drawer is a side panel beside the page (not modal); narrower, a modal dialog. */
const SIDE_PANEL_QUERY = "(min-width: 64rem)";

interface DrawerProps {
  tableId: string;
  secret: Secret;
  open: boolean;
  onClose: () => void;
}

/** The drawer itself: a <dialog>, so that a phone gets focus trapping, Escape and an inert page for free. */
export function FacilitatorDrawer({ tableId, secret, open, onClose }: DrawerProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      if (window.matchMedia(SIDE_PANEL_QUERY).matches) d.show();
      else d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      id="facilitator-drawer"
      className="drawer"
      aria-labelledby="facilitation-heading"
      onClose={onClose}
      // A side panel is not modal: Escape closes it too, like the modal one.
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onClose();
        }
      }}
      // A tap on the dimmed page around the modal drawer closes it.
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div className="drawer__body">
        <div className="drawer__top">
          <h2 id="facilitation-heading">{t("facilitation.heading")}</h2>
          <button type="button" className="button button--small" onClick={onClose}>
            <span aria-hidden="true">× </span>
            {t("facilitatorBar.closeTools")}
          </button>
        </div>
        {/* Mounted only while open: nothing of it is in the way (or in the tab order) of the story. */}
        {open && <FacilitatorPanel tableId={tableId} secret={secret} />}
      </div>
    </dialog>
  );
}

export function FacilitatorPanel({ tableId, secret }: { tableId: string; secret: Secret }) {
  const { t } = useTranslation();
  const phase = useTableStore((s) => s.table?.phase);
  const locked = useTableStore((s) => s.table?.locked ?? false);

  async function undo() {
    const refusal = await act({ type: "undo" });
    if (!refusal) showNotice("info", t("preparation.share.undone"));
  }

  return (
    <section className="facilitation" aria-labelledby="facilitation-heading">
      {/* While playing, the pace first (timer, pitfalls); otherwise inviting people first. */}
      {phase === "play" && <PlayControls />}
      <AnnounceForm />
      <ShareLinks />
      <section className="drawer__section" aria-labelledby="arrivals-heading">
        <h3 id="arrivals-heading">{t("preparation.share.lockHeading")}</h3>
        <p className={locked ? "facilitation__locked" : "field__hint"}>
          {locked ? t("preparation.share.lockedStatus") : t("preparation.share.openStatus")}
        </p>
        <button type="button" className="button" onClick={() => void act({ type: "lockTable", locked: !locked })}>
          {locked ? t("preparation.share.unlock") : t("preparation.share.lock")}
        </button>
        {phase !== "closed" && (
          <>
            <button type="button" className="button" aria-describedby="undo-hint" onClick={() => void undo()}>
              {t("preparation.share.undo")}
            </button>
            <p className="field__hint" id="undo-hint">
              {t("preparation.share.undoHint")}
            </p>
          </>
        )}
      </section>
      {phase !== "play" && <PlayControls />}
      {/* Once the story is closed, the downloads are on the page itself, above the story. */}
      {phase !== "closed" && (
        <section className="drawer__section" aria-labelledby="export-heading">
          <h3 id="export-heading">{t("facilitation.exportHeading")}</h3>
          <StoryDownloads tableId={tableId} secret={secret} />
        </section>
      )}
      {secret.kind === "facilitator" && (
        <section className="drawer__section">
          <DeleteTable tableId={tableId} facilitatorKey={secret.value} />
        </section>
      )}
    </section>
  );
}

/** The participant link (copy, QR, join code, replace it) while the table accepts arrivals, and the observer link. */
function ShareLinks() {
  const { t } = useTranslation();
  const phase = useTableStore((s) => s.table?.phase);
  const links = useShareLinks();
  if (!links) return null;

  return (
    <section className="drawer__section share" aria-labelledby="share-heading">
      <h3 id="share-heading">{t("facilitation.shareHeading")}</h3>
      {phase !== "closed" && (
        <>
          <CopyField
            label={t("facilitation.participantLink")}
            copyLabel={t("facilitation.copy")}
            value={links.participant}
          />
          {links.joinCode && (
            <p className="share__code">
              {t("present.joinOr", { host: new URL(links.participant).host })}{" "}
              <strong className="join-code">{formatJoinCode(normaliseJoinCode(links.joinCode))}</strong>
            </p>
          )}
          <QRCodeSVG
            value={links.participant}
            size={160}
            title={t("facilitation.qrTitle")}
            role="img"
            aria-label={t("facilitation.qrTitle")}
            className="share__qr"
          />
          <button
            type="button"
            className="button button--small"
            aria-describedby="rotate-invite-hint"
            onClick={() => void rotateInvite()}
          >
            {t("share.rotateInvite")}
          </button>
          <p className="field__hint" id="rotate-invite-hint">
            {t("share.rotateInviteHint")}
          </p>
        </>
      )}
      <CopyField
        label={t("preparation.share.observerLink")}
        copyLabel={t("preparation.share.copyObserver")}
        value={links.observer}
      />
      <p className="field__hint">{t("facilitation.facilitatorLinkHint")}</p>
      {/* A second window of this very page (the same seat: a person may have several open), for a projector. */}
      <a
        className="button button--small"
        href={presentationAddress()}
        target="_blank"
        rel="noopener"
        aria-describedby="present-elsewhere-hint"
      >
        {t("present.elsewhere")}
      </a>
      <p className="field__hint" id="present-elsewhere-hint">
        {t("present.elsewhereHint")}
      </p>
    </section>
  );
}

/** Download the story (three formats) and the table's cards; needs the facilitator link's secret. */
export function StoryDownloads({ tableId, secret }: { tableId: string; secret: Secret }) {
  const { t } = useTranslation();

  async function download(
    get: () => Promise<void>,
    failure: "facilitation.downloadFailed" | "preparation.decks.exportFailed" = "facilitation.downloadFailed",
  ) {
    try {
      await get();
    } catch (e) {
      showNotice("error", t(failure, { message: (e as Error).message }));
    }
  }

  // A co-facilitator who came with the participant link lacks the secret.
  if (secret.kind !== "facilitator") return <p className="field__hint">{t("http.facilitatorKeyRequired")}</p>;
  return (
    <div className="downloads">
      <RetentionDate />
      <div className="downloads__buttons">
        {(["md", "html", "json"] as const satisfies StoryFormat[]).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            onClick={() => void download(() => downloadStory(tableId, secret.value, format))}
          >
            {t(`facilitation.download.${format}`)}
          </button>
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            void download(() => downloadTableDeck(tableId, secret.value), "preparation.decks.exportFailed")
          }
        >
          {t("preparation.decks.export")}
        </button>
        {/* The kit: share your challenges. Only those written here, as a deck another table's preparation imports. */}
        <button
          type="button"
          className="button"
          aria-describedby="written-challenges-hint"
          onClick={() =>
            void download(() => downloadWrittenChallenges(tableId, secret.value), "preparation.decks.exportFailed")
          }
        >
          {t("kitPublish.writtenChallenges")}
        </button>
      </div>
      <p className="field__hint" id="written-challenges-hint">
        {t("kitPublish.writtenChallengesHint")}
      </p>
    </div>
  );
}
