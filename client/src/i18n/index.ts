// The browser's i18next: the very instance the rules and the server use (shared/i18n/translate.ts), with the same
// dictionaries; a language is added there. Components translate through ./use-translation.ts (not react-i18next, whose
// hook costs too much per component).
import { i18n } from "#shared/i18n/translate.ts";

export default i18n;
