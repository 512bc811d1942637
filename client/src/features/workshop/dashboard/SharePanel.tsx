// The room's way in, for the shared screen: a large QR code of the workshop link, its join code to type, and the link
// to paste in a video call's chat; and the observer link, for the projector's computer or a guest who only watches.
// Asked of the workshop room when shown (an observer's link never receives them).
import { QRCodeSVG } from "qrcode.react";
import { useEffect, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { formatJoinCode, normaliseJoinCode } from "#shared/join-code.ts";
import { sendWorkshopCommand } from "#client/net/workshop-connection.ts";
import { CopyField } from "#client/ui/CopyField.tsx";

interface Links {
  link: string;
  code: string | null;
  /** The plenary screen, read-only: what the projector's computer opens instead of the facilitator's own link. */
  observer: string | null;
}

export function SharePanel() {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const [links, setLinks] = useState<Links | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!shown || links) return;
    let current = true;
    sendWorkshopCommand({ type: "shareLinks" }).then(
      (reply) => {
        if (!current || !reply.path) return;
        setLinks({
          link: `${window.location.origin}${reply.path}`,
          code: reply.joinCode ? formatJoinCode(normaliseJoinCode(reply.joinCode)) : null,
          observer: reply.observerPath ? `${window.location.origin}${reply.observerPath}` : null,
        });
        setError(null);
      },
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [shown, links]);

  return (
    <section aria-labelledby="dashboard-share-heading" className="share-panel">
      <div className="share-panel__bar">
        <h2 id="dashboard-share-heading">{t("workshopOverview.shareHeading")}</h2>
        <button
          type="button"
          className="button"
          aria-expanded={shown}
          aria-controls="dashboard-share-body"
          onClick={() => setShown(!shown)}
        >
          {t(shown ? "workshopOverview.hideShare" : "workshopOverview.showShare")}
        </button>
      </div>
      <div id="dashboard-share-body" hidden={!shown} className="share-panel__body">
        {error && (
          <p role="alert" className="form__error">
            {error}
          </p>
        )}
        {links && (
          <>
            <div className="share-panel__invite">
              <p className="share-panel__line">{t("workshopOverview.shareScan")}</p>
              <QRCodeSVG
                value={links.link}
                size={512}
                marginSize={2}
                title={t("workshopOverview.qrTitle")}
                role="img"
                aria-label={t("workshopOverview.qrTitle")}
                className="share-panel__qr"
              />
              {links.code && (
                <>
                  <p className="share-panel__line">{t("workshopOverview.shareOr", { host: window.location.host })}</p>
                  <p className="share-panel__code">
                    <span aria-hidden="true">{links.code}</span>
                    {/* Letter by letter for a screen reader, which would otherwise read the code as a word. */}
                    <span className="visually-hidden">
                      {t("workshopOverview.shareCode", { code: links.code.split("").join(" ") })}
                    </span>
                  </p>
                </>
              )}
            </div>
            <CopyField
              label={t("workshopOverview.shareLink")}
              value={links.link}
              copyLabel={t("workshopOverview.copy")}
              small
            />
            {links.observer && (
              <CopyField
                label={t("workshopOverview.shareObserverLink")}
                value={links.observer}
                copyLabel={t("workshopOverview.copyObserverLink")}
                small
              />
            )}
          </>
        )}
      </div>
    </section>
  );
}
