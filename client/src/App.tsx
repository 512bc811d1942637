// Routes: the home page opens a table or a workshop; /t/:tableId is the table itself (join, then play); /a/:workshopId
// is a workshop (its lobby, overview or plenary, by the link's secret); /confidentialite says what the app keeps about
// people. The join page is in the first chunk; the home page and the privacy page load when
// visited (client/src/lazy-part.tsx), the table's screens with the table (features/table/table-parts.tsx).
import { Route, Switch } from "wouter";
import { useTranslation } from "./i18n/use-translation.ts";
import { PRIVACY_PAGE } from "#shared/protocol-constants.ts";
import { TablePage } from "./features/table/TablePage.tsx";
import { lazyPart } from "./lazy-part.tsx";
import { Attribution } from "./ui/Attribution.tsx";

const HomePage = lazyPart(() => import("./features/home/HomePage.tsx").then((m) => m.HomePage));
const WorkshopPage = lazyPart(() => import("./features/workshop/WorkshopPage.tsx").then((m) => m.WorkshopPage));
const PrivacyPage = lazyPart(() => import("./features/privacy/PrivacyPage.tsx").then((m) => m.PrivacyPage));

export function App() {
  const { t } = useTranslation();
  return (
    <>
      {/* Moves the focus without writing #main into the address: on a table page, its fragment holds the link's secret. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        {t("app.skipToContent")}
      </a>
      <main id="main" tabIndex={-1}>
        <Switch>
          <Route path={PRIVACY_PAGE}>
            <PrivacyPage />
          </Route>
          <Route path="/t/:tableId">{(params) => <TablePage tableId={params.tableId} />}</Route>
          <Route path="/a/:workshopId">{(params) => <WorkshopPage workshopId={params.workshopId} />}</Route>
          <Route>
            <HomePage />
          </Route>
        </Switch>
      </main>
      <Attribution />
    </>
  );
}
