// i18next set up with the one French dictionary (shared/i18n/fr.ts); other languages add a resource here. Components
// translate through ./use-translation.ts (not react-i18next, whose hook costs too much per component).
import i18next from "i18next";
import { fr } from "#shared/i18n/fr.ts";

void i18next.init({
  lng: "fr",
  fallbackLng: "fr",
  resources: { fr: { translation: fr } },
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  showSupportNotice: false,
});

export default i18next;
