// /a/:workshopId — the workshop link: a participant's invitation opens the lobby (or their table, when this browser
// already sat at one of the workshop), the facilitator's opens the live overview, the observer's the plenary screen.
// The overview and the plenary (the Colyseus SDK) load only for those who open them.
import { useMemo, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { lazyPart } from "#client/lazy-part.tsx";
import { Lobby } from "./Lobby.tsx";
import { rememberedTable, workshopSecretFromLocation } from "./workshop-link.ts";

const Dashboard = lazyPart(() => import("./dashboard/Dashboard.tsx").then((m) => m.Dashboard));
const Plenary = lazyPart(() => import("./plenary/Plenary.tsx").then((m) => m.Plenary));

export function WorkshopPage({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation();
  const secret = useMemo(() => workshopSecretFromLocation(window.location.hash), []);
  // Read once: the table this browser sat at in this workshop (the lobby sends the person back there).
  const [remembered] = useState(() => (secret?.kind === "invite" ? rememberedTable(workshopId) : null));

  if (!secret) {
    return (
      <div className="page page--narrow">
        <p role="alert">{t("workshopEntry.page.noSecret")}</p>
      </div>
    );
  }
  if (secret.kind === "facilitator") return <Dashboard workshopId={workshopId} facilitatorKey={secret.value} />;
  if (secret.kind === "observer")
    return <Plenary workshopId={workshopId} secret={{ observerKey: secret.value }} screen />;
  return <Lobby workshopId={workshopId} invite={secret.value} remembered={remembered} />;
}
