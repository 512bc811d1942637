// The facilitator's controls: the participant link (copy, QR code), start play, close the story, download it.
import { useEffect, useId, useState } from "react";
import { QRCodeSVG } from "qrcode.react";
import { useTranslation } from "react-i18next";
import type { StoryFormat } from "../../../../shared/protocol.ts";
import { act, fetchInviteLink, type Secret } from "../../net/connection.ts";
import { downloadStory } from "../../net/api.ts";
import { showNotice, useTableStore } from "../../store/table-store.ts";

export function FacilitatorPanel({ tableId, secret }: { tableId: string; secret: Secret }) {
  const { t } = useTranslation();
  const phase = useTableStore((s) => s.table?.phase);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const linkId = useId();

  useEffect(() => {
    void fetchInviteLink().then(setLink);
  }, []);

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      document.getElementById(linkId)?.focus();
      (document.getElementById(linkId) as HTMLInputElement | null)?.select();
    }
  }

  async function download(format: StoryFormat) {
    try {
      await downloadStory(tableId, secret.value, format);
    } catch (e) {
      showNotice("error", t("facilitation.downloadFailed", { message: (e as Error).message }));
    }
  }

  return (
    <section className="panel facilitation" aria-labelledby="facilitation-heading">
      <h2 id="facilitation-heading">{t("facilitation.heading")}</h2>
      {phase !== "closed" && link && (
        <div className="share">
          <h3>{t("facilitation.shareHeading")}</h3>
          <label htmlFor={linkId}>{t("facilitation.participantLink")}</label>
          <div className="inline-row">
            <input id={linkId} readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="button" onClick={() => void copy()}>
              {copied ? t("facilitation.copied") : t("facilitation.copy")}
            </button>
          </div>
          <QRCodeSVG value={link} size={160} title={t("facilitation.qrTitle")} role="img" aria-label={t("facilitation.qrTitle")} className="share__qr" />
          <p className="field__hint">{t("facilitation.facilitatorLinkHint")}</p>
        </div>
      )}
      <div className="facilitation__actions">
        {phase === "preparation" && (
          <button type="button" className="button button--primary" onClick={() => void act({ type: "startPlay" })}>
            {t("facilitation.startPlay")}
          </button>
        )}
        {phase === "play" &&
          (confirmClose ? (
            <>
              <p className="field__hint">{t("facilitation.closeHint")}</p>
              <button type="button" className="button button--danger" onClick={() => void act({ type: "closeStory" })}>
                {t("facilitation.confirmClose")}
              </button>
              <button type="button" className="button" onClick={() => setConfirmClose(false)}>
                {t("path.cancel")}
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setConfirmClose(true)}>
              {t("facilitation.closeStory")}
            </button>
          ))}
        <h3>{t("facilitation.exportHeading")}</h3>
        {(["md", "html", "json"] as const).map((format) => (
          <button key={format} type="button" className="button" onClick={() => void download(format)}>
            {t(`facilitation.download.${format}`)}
          </button>
        ))}
      </div>
    </section>
  );
}
