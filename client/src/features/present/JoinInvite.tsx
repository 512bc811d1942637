// On the shared screen, while the table accepts arrivals: a large QR code of the participant link and the short join
// code with the site to type it on. Only where the page has the links: a facilitator's (an observer's link is a
// read-only secret and never receives the participant link).
import { QRCodeSVG } from "qrcode.react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { formatJoinCode, normaliseJoinCode } from "#shared/join-code.ts";
import type { ShareAddresses } from "#client/store/table-store.ts";

export function JoinInvite({ links }: { links: ShareAddresses }) {
  const { t } = useTranslation();
  const host = new URL(links.participant).host;
  const code = links.joinCode ? formatJoinCode(normaliseJoinCode(links.joinCode)) : null;
  return (
    <section className="present-join" aria-labelledby="present-join-heading">
      <h2 id="present-join-heading">{t("present.joinHeading")}</h2>
      <p className="present-join__line">{t("present.joinScan")}</p>
      <QRCodeSVG
        value={links.participant}
        size={512}
        marginSize={2}
        title={t("present.qrTitle")}
        role="img"
        aria-label={t("present.qrTitle")}
        className="present-join__qr"
      />
      {code && (
        <>
          <p className="present-join__line">{t("present.joinOr", { host })}</p>
          <p className="present-join__code">
            <span aria-hidden="true">{code}</span>
            {/* Letter by letter for a screen reader, which would otherwise read the code as a word. */}
            <span className="visually-hidden">{t("present.joinCode", { code: code.split("").join(" ") })}</span>
          </p>
        </>
      )}
    </section>
  );
}
