// The facilitator's controls: the participant link (copy, QR code) and the observer link, start play, lock the table,
// undo the last action, download the story and the table's cards, delete the table (and when the server would).
import { useEffect, useId, useState } from "react";
import { QRCodeSVG } from "qrcode.react";
import { useTranslation } from "react-i18next";
import type { StoryFormat } from "../../../../shared/protocol.ts";
import { act, fetchShareLinks, rotateInvite, type Secret } from "../../net/connection.ts";
import { downloadStory, downloadTableDeck } from "../../net/api.ts";
import { showNotice, useTableStore } from "../../store/table-store.ts";
import { DeleteTable, RetentionDate } from "./DeleteTable.tsx";
import "../preparation/preparation.css";

export function FacilitatorPanel({ tableId, secret }: { tableId: string; secret: Secret }) {
  const { t } = useTranslation();
  const phase = useTableStore((s) => s.table?.phase);
  const locked = useTableStore((s) => s.table?.locked ?? false);
  const connected = useTableStore((s) => s.connection.status === "connected");
  const links = useTableStore((s) => s.shareLinks);

  // Asked once connected (after a reconnection too, if the first try found no connection).
  useEffect(() => {
    if (connected && !links) void fetchShareLinks();
  }, [connected, links]);

  async function download(get: () => Promise<void>, failure = "facilitation.downloadFailed") {
    try {
      await get();
    } catch (e) {
      showNotice("error", t(failure, { message: (e as Error).message }));
    }
  }

  async function undo() {
    const refusal = await act({ type: "undo" });
    if (!refusal) showNotice("info", t("preparation.share.undone"));
  }

  return (
    <section className="panel facilitation" aria-labelledby="facilitation-heading">
      <h2 id="facilitation-heading">{t("facilitation.heading")}</h2>
      {links && (
        <div className="share">
          <h3>{t("facilitation.shareHeading")}</h3>
          {phase !== "closed" && (
            <>
              <CopyLink label={t("facilitation.participantLink")} copyLabel={t("facilitation.copy")} link={links.participant} />
              <QRCodeSVG
                value={links.participant}
                size={160}
                title={t("facilitation.qrTitle")}
                role="img"
                aria-label={t("facilitation.qrTitle")}
                className="share__qr"
              />
              <button type="button" className="button button--small" aria-describedby="rotate-invite-hint" onClick={() => void rotateInvite()}>
                {t("share.rotateInvite")}
              </button>
              <p className="field__hint" id="rotate-invite-hint">
                {t("share.rotateInviteHint")}
              </p>
            </>
          )}
          <CopyLink label={t("preparation.share.observerLink")} copyLabel={t("preparation.share.copyObserver")} link={links.observer} />
          <p className="field__hint">{t("facilitation.facilitatorLinkHint")}</p>
        </div>
      )}
      <div className="facilitation__actions">
        {phase === "preparation" && (
          <button type="button" className="button button--primary" onClick={() => void act({ type: "startPlay" })}>
            {t("facilitation.startPlay")}
          </button>
        )}
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
        <h3>{t("preparation.share.lockHeading")}</h3>
        <p className={locked ? "facilitation__locked" : "field__hint"}>
          {locked ? t("preparation.share.lockedStatus") : t("preparation.share.openStatus")}
        </p>
        <button type="button" className="button" onClick={() => void act({ type: "lockTable", locked: !locked })}>
          {locked ? t("preparation.share.unlock") : t("preparation.share.lock")}
        </button>
        <h3>{t("facilitation.exportHeading")}</h3>
        <RetentionDate />
        {/* Downloads need the facilitator link's secret: a co-facilitator who came with the participant link lacks it. */}
        {secret.kind === "facilitator" ? (
          <>
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
              onClick={() => void download(() => downloadTableDeck(tableId, secret.value), "preparation.decks.exportFailed")}
            >
              {t("preparation.decks.export")}
            </button>
          </>
        ) : (
          <p className="field__hint">{t("http.facilitatorKeyRequired")}</p>
        )}
        {secret.kind === "facilitator" && <DeleteTable tableId={tableId} facilitatorKey={secret.value} />}
      </div>
    </section>
  );
}

/** A link to share: shown in a read-only field (selected on focus), with a copy button. */
function CopyLink({ label, copyLabel, link }: { label: string; copyLabel: string; link: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      const input = document.getElementById(id) as HTMLInputElement | null;
      input?.focus();
      input?.select();
    }
  }

  return (
    <div className="share__link">
      <label htmlFor={id}>{label}</label>
      <div className="inline-row">
        <input id={id} readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button" onClick={() => void copy()}>
          {copied ? t("facilitation.copied") : copyLabel}
        </button>
      </div>
    </div>
  );
}
