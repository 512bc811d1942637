// Every French string of the app (interface, refusals, exports), in one place so other languages can follow.
// Placeholders use i18next's {{name}} syntax: shared/i18n/translate.ts sets i18next up with this dictionary for the
// server and the browser, and keys.ts types its keys (Dictionary: the shape another language must fill).
import { frCards } from "./fr-cards.ts";
import { frBlank } from "./fr-blank.ts";
import { frBoard } from "./fr-board.ts";
import { frExport } from "./fr-export.ts";
import { frJoinCode } from "./fr-join-code.ts";
import { frKit } from "./fr-kit.ts";
import { frKitPublish } from "./fr-kit-publish.ts";
import { frKitActors } from "./fr-kit-actors.ts";
import { frKitStakes } from "./fr-kit-stakes.ts";
import { frLayout } from "./fr-layout.ts";
import { frLoading } from "./fr-loading.ts";
import { frDeletion } from "./fr-hosting-delete.ts";
import { frAnonymise } from "./fr-hosting-anonymise.ts";
import { frHostingPrivacy } from "./fr-hosting-privacy.ts";
import { frPlay } from "./fr-play.ts";
import { frPreparation } from "./fr-preparation.ts";
import { frRules } from "./fr-rules.ts";
import { frSecurity } from "./fr-security.ts";
import { frWorkshopRules } from "./fr-workshop-rules.ts";
import { frWorkshopEntry } from "./fr-workshop-entry.ts";
import { frWorkshopOverview } from "./fr-workshop-overview.ts";
import { frWorkshopPlenary } from "./fr-workshop-plenary.ts";
import { frWorkshopCore } from "./fr-workshop-core.ts";

const base = {
  deck: {
    challenge: "Défis",
    lever: "Leviers",
    pitfall: "Écueils",
  },
  deckOne: {
    challenge: "Défi",
    lever: "Levier",
    pitfall: "Écueil",
  },
  phase: {
    preparation: "Préparation",
    play: "Jeu",
    debrief: "Débrief",
    closed: "Récit terminé",
  },
  refusal: {
    invalidMessage: "Cette demande n'a pas pu être comprise ; rien n'a changé.",
    saveFailed: "Votre action n'a pas pu être enregistrée ; rien n'a changé. Réessayez dans un instant.",
    notSeated: "Vous n'êtes pas assis·e à cette table.",
    facilitatorOnly: "Seul·e l'animateur·rice peut faire cela.",
    wrongPhase: "Ce n'est pas possible pendant la phase « {{phase}} ».",
    nameRequired: "Indiquez un nom à afficher.",
    nameTooLong: "Le nom ne doit pas dépasser {{max}} caractères.",
    nameTaken:
      "« {{name}} » est déjà assis·e à cette table : choisissez un autre nom (ajoutez l'initiale de votre nom, par exemple).",
    roleRequired: "Dites qui vous êtes dans le système (par exemple : habitant·e, élu·e, entreprise).",
    roleTooLong: "Votre rôle ne doit pas dépasser {{max}} caractères.",
    tableFull: "La table est complète ({{max}} personnes).",
    storyClosed: "Le récit est terminé : la table n'accepte plus d'arrivées ni de coups.",
    deckEmpty: "La pioche « {{deck}} » est vide.",
    handFull: "Votre main est pleine ({{max}} cartes) : posez ou défaussez une carte d'abord.",
    cardNotInHand: "Cette carte n'est pas dans votre main.",
    stepNotFound: "Cette étape n'est plus sur le chemin.",
    anchorNotFound: "L'étape après laquelle vous vouliez poser la carte n'est plus sur le chemin.",
    notYourStep: "Seule la personne qui a posé cette carte peut en écrire la narration.",
    narrationTooLong: "La narration ne doit pas dépasser {{max}} caractères.",
    setupTitleRequired: "Donnez un titre à la table.",
    setupSystemRequired: "Nommez le système dont vous racontez la transition.",
    setupPresentRequired: "Décrivez l'état présent du système.",
    setupFutureRequired: "Décrivez au moins un futur souhaitable.",
    setupTextTooLong: "Le champ « {{field}} » ne doit pas dépasser {{max}} caractères.",
    setupHorizonInvalid: "L'horizon doit être une année entre {{min}} et {{max}}.",
    setupChallengeRequired: "Choisissez le défi qui cadre l'histoire, ou écrivez-le.",
    setupChallengeUnknown: "Ce défi n'existe pas dans la pioche.",
  },
  app: {
    name: "Jeu des transitions",
    tagline: "Racontez ensemble la transition de votre territoire, de votre organisation ou de votre secteur.",
    skipToContent: "Aller au contenu",
    attributionHeading: "Les cartes",
  },
  home: {
    heading: "Ouvrir une table",
    intro:
      "Vous animez l'atelier : décrivez le système dont vous allez raconter la transition. Vous recevrez un lien à partager aux participant·es.",
    title: "Titre de la table",
    titleHint: "Par exemple : « Atelier du 12 mars, quartier de la gare ».",
    system: "Le système",
    systemHint: "Le territoire, l'organisation ou le secteur dont vous faites partie.",
    presentState: "Son état présent",
    horizonYear: "Horizon (année)",
    desirableFuture: "Un futur souhaitable",
    challengeLegend: "Le défi qui cadre l'histoire",
    challengeFromDeck: "Choisir un défi de la pioche",
    challengeWritten: "Écrire notre propre défi",
    challengeSelect: "Défi",
    challengeRandom: "Tirer un défi au hasard",
    challengeText: "Votre défi",
    facilitatorName: "Votre nom (animateur·rice)",
    facilitatorRole: "Votre rôle dans le système",
    facilitatorRoleDefault: "Animation",
    submit: "Ouvrir la table",
    submitting: "Ouverture…",
    loadingDecks: "Chargement des cartes…",
    import: {
      heading: "Continuer un récit",
      intro:
        "Un récit téléchargé en JSON depuis une table peut ouvrir une nouvelle table qui le continue : mêmes cartes, même chemin, mêmes narrations.",
      file: "Fichier du récit (JSON)",
      fileRequired: "Choisissez le fichier JSON d'un récit.",
      submit: "Ouvrir une table à partir de ce récit",
    },
  },
  join: {
    heading: "Rejoindre « {{title}} »",
    headingUnknown: "Rejoindre la table",
    intro: "Choisissez le nom que les autres verront, et dites qui vous êtes dans le système.",
    asFacilitator: "Vous entrez comme animateur·rice de cette table.",
    name: "Votre nom",
    role: "Qui êtes-vous dans le système ?",
    roleHint: "Par exemple : habitant·e, élu·e, entreprise, association, agent·e…",
    submit: "Rejoindre la table",
    submitting: "Connexion…",
    badLink: "Ce lien ne permet pas d'entrer à cette table : demandez le lien à l'animateur·rice.",
    noSecret:
      "Ce lien est incomplet : il manque la partie après le « # ». Demandez le lien complet à l'animateur·rice.",
    tableNotFound: "Cette table n'existe pas ou a été effacée.",
  },
  connection: {
    connected: "Connecté·e",
    connecting: "Connexion…",
    reconnecting: "Connexion perdue, reconnexion en cours…",
    offline: "Hors ligne : ce que vous faites partira au retour du réseau",
    idle: "Non connecté·e",
    pending_one: "{{count}} action en attente d'envoi",
    pending_other: "{{count}} actions en attente d'envoi",
    rejoining: "Retour à votre place à la table…",
    lost: "La connexion à la table est perdue. Rechargez la page pour revenir.",
    cannotReach: "Le serveur ne répond pas. Vérifiez votre connexion et réessayez.",
    actionNotSent: "Votre action n'a pas pu être envoyée : la connexion est interrompue. Rien n'a changé ; réessayez.",
  },
  table: {
    phaseLabel: "Phase : {{phase}}",
    horizonShort: "Horizon {{year}}",
    framingChallenge: "Le défi",
    system: "Le système",
  },
  path: {
    heading: "Le chemin",
    today: "Aujourd'hui",
    horizon: "Horizon {{year}}",
    desirableFuture: "Futur souhaitable",
    empty: "Aucune carte n'est encore posée : le chemin commence ici.",
    stepLabel: "Étape {{number}}",
    placedBy: "Posée par {{name}}",
    narratedBy: "Racontée par {{name}}",
    notNarrated: "{{name}} n'a pas encore raconté cette étape.",
    placeAtStart: "Placer « {{card}} » ici : au début du chemin",
    placeAfter: "Placer « {{card}} » ici : après l'étape {{number}}",
    dropHere: "Déposer ici",
    removeStep: "Retirer l'étape {{number}}",
    confirmRemove: "Confirmer le retrait de l'étape {{number}}",
    cancel: "Annuler",
  },
  narration: {
    label: "Narration de l'étape {{number}}",
    hint: "Que se passe-t-il à cette étape ? Comment cette carte fait-elle avancer (ou bousculer) l'histoire ?",
    save: "Enregistrer la narration",
    saving: "Enregistrement…",
    queued: "En attente du réseau : votre texte partira dès le retour de la connexion",
    edit: "Modifier ma narration",
    cancel: "Annuler",
    saved: "Narration enregistrée.",
    draftKept: "Brouillon conservé dans ce navigateur, pas encore enregistré.",
    counter: "{{count}} / {{max}} caractères",
  },
  hand: {
    heading: "Ma main",
    count: "{{count}} / {{max}} cartes",
    empty: "Votre main est vide : piochez une carte.",
    place: "Placer « {{card}} »",
    placing: "Choisissez sur le chemin où poser « {{card}} », ou glissez la carte.",
    cancelPlacing: "Annuler le placement",
    discard: "Défausser « {{card}} »",
    dragHint: "Glissez une carte sur le chemin, ou utilisez « Placer ».",
  },
  piles: {
    heading: "Les pioches",
    draw: {
      challenge: "Piocher un défi",
      lever: "Piocher un levier",
      pitfall: "Piocher un écueil",
    },
    left_one: "{{count}} restante",
    left_other: "{{count}} restantes",
    handFull: "Main pleine ({{max}} cartes) : posez une carte sur le chemin avant d'en piocher une autre.",
    notNow: "La pioche s'ouvre quand la partie commence.",
  },
  people: {
    heading: "Autour de la table ({{count}})",
    /** The list of the people seated (the table's balance on the actor map follows it, in the same panel). */
    list: "Personnes assises",
    me: "vous",
    facilitator: "animation",
    online: "en ligne",
    offline: "hors ligne",
    cards_one: "{{count}} carte en main",
    cards_other: "{{count}} cartes en main",
  },
  facilitation: {
    heading: "Animation",
    shareHeading: "Inviter les participant·es",
    participantLink: "Lien pour les participant·es",
    copy: "Copier le lien",
    copied: "Lien copié",
    qrTitle: "QR code du lien pour les participant·es",
    facilitatorLinkHint:
      "Gardez le lien de cette page pour revenir en animation : il donne tous les droits, ne le partagez pas.",
    startPlay: "Lancer la partie",
    exportHeading: "Le récit",
    download: {
      md: "Télécharger le récit (Markdown)",
      html: "Télécharger le récit imprimable (HTML, à enregistrer en PDF)",
      json: "Télécharger le récit complet (JSON, pour continuer ailleurs)",
    },
    downloadFailed: "Le téléchargement a échoué : {{message}}",
  },
  card: {
    keywords: "Mots-clés",
    examples: "Exemple",
    source: "Source : {{source}}",
    details: "Détails de la carte",
  },
  dnd: {
    instructions:
      "Pour déplacer une carte au clavier : Espace pour la saisir, les flèches pour choisir un emplacement, Espace pour la poser, Échap pour annuler.",
    start: "Carte « {{card}} » saisie.",
    over: "Au-dessus de l'emplacement : {{slot}}.",
    outside: "Hors des emplacements du chemin.",
    end: "Carte « {{card}} » posée.",
    cancel: "Placement annulé.",
  },
  http: {
    facilitatorKeyRequired: "Le lien d'animation est nécessaire pour télécharger le récit.",
    tableNotFound: "Cette table n'existe pas ou a été effacée.",
    invalidBody: "Le formulaire envoyé n'a pas pu être lu ; rien n'a été créé.",
    tooLarge: "Cette demande est trop volumineuse ; rien n'a été enregistré.",
    notJsonRequest: "Cette demande n'a pas pu être lue (ce n'est pas du JSON) ; rien n'a été enregistré.",
    writtenTheme: "Écrits à la table",
    notFound: "Cette adresse n'existe pas.",
    badAddress: "Cette adresse est mal formée.",
    unsupportedMediaType: "Le contenu envoyé n'est pas dans un format accepté (JSON en UTF-8).",
    badRequest: "Cette demande n'a pas pu être comprise.",
    serverError: "Le serveur a rencontré un problème. Réessayez dans un instant.",
  },
  setupField: {
    title: "Titre",
    system: "Système",
    presentState: "État présent",
    desirableFuture: "Futur souhaitable",
    framingChallengeText: "Défi",
  },
  story: {
    heading: "{{title}}",
    system: "Système",
    presentState: "Aujourd'hui",
    horizon: "Horizon {{year}}",
    desirableFuture: "Futur souhaitable",
    framingChallenge: "Le défi",
    participants: "Les personnes",
    facilitator: "animation",
    path: "Le chemin",
    step: "Étape {{number}} — {{deck}} : {{title}}",
    narratedBy: "Raconté par {{name}} ({{role}})",
    placedBy: "Posée par {{name}} ({{role}}), pas encore racontée.",
    noSteps: "Aucune étape n'a encore été posée.",
    attribution: "Attribution",
    exportedAt: "Exporté le {{date}}",
    phase: "Phase : {{phase}}",
  },
  export: {
    html: {
      documentTitle: "{{title}} — récit du Jeu des transitions",
      kicker: "Jeu des transitions — le récit",
      setup: "Le cadre",
      stepNumber: "Étape {{number}}",
      stepCount_one: "{{count}} étape sur le chemin",
      stepCount_other: "{{count}} étapes sur le chemin",
      timelineStart: "Départ du chemin",
      timelineEnd: "Arrivée du chemin",
      license: "Licence des cartes :",
    },
    json: {
      notAStory: "Ce fichier n'est pas un récit exporté du Jeu des transitions (format attendu : « {{format}} »).",
      wrongVersion:
        "Ce récit est au format version {{version}}, que cette version du jeu ne sait pas lire (elle lit la version {{expected}}).",
      notJson: "Ce fichier n'est pas du JSON lisible : {{message}}",
      missingField: "champ manquant",
      unknownField: "champ inconnu",
      moreIssues_one: "(et {{count}} autre problème)",
      moreIssues_other: "(et {{count}} autres problèmes)",
      unknownCard: "la carte « {{cardId}} » n'est pas dans les cartes du récit (table.cards)",
      cardKeyMismatch: "la carte rangée sous « {{key}} » porte l'identifiant « {{cardId}} »",
      cardTwice: "la carte « {{cardId}} » est à deux endroits à la fois (aussi dans {{other}})",
      wrongPile: "la carte « {{cardId}} » est un {{deck}}, elle n'a pas sa place dans cette pioche",
      unknownAuthor: "« {{participantId}} » n'est pas une personne de la table (table.participants)",
      duplicateParticipant: "la personne « {{participantId}} » apparaît deux fois",
      duplicateStep: "l'étape « {{stepId}} » apparaît deux fois",
      stepNumberTooLow: "doit dépasser le numéro de chaque étape (au moins {{min}})",
      tooManyParticipants: "plus de {{max}} personnes à la table",
      handTooBig: "plus de {{max}} cartes en main",
    },
  },
} as const;

/**
 * The dictionary: the base above, plus one file per area (each owned by the code of that area).
 * Keys never collide: each area file has its own top-level keys, and fr-rules adds refusals.
 */
export const fr = {
  ...base,
  refusal: {
    ...base.refusal,
    ...frKitPublish.refusal,
    ...frRules.refusal,
    ...frSecurity.refusal,
    ...frAnonymise.refusal,
    ...frBlank.refusal,
    ...frKitStakes.refusal,
    ...frWorkshopRules.refusal,
    ...frKitActors.refusal,
  },
  http: { ...base.http, ...frSecurity.http },
  share: frSecurity.share,
  phaseGuide: frRules.phaseGuide,
  moderation: frRules.moderation,
  preparation: frPreparation,
  play: frPlay,
  storyMore: frExport,
  ...frHostingPrivacy,
  deletion: frDeletion.deletion,
  anonymise: frAnonymise.anonymise,
  ...frLayout,
  blank: frBlank.blank,
  cards: frCards,
  board: frBoard,
  joinCode: frJoinCode.joinCode,
  ...frKit,
  kitPublish: frKitPublish.kitPublish,
  actors: frKitActors.actors,
  kitStakes: frKitStakes.kitStakes,
  loading: frLoading.loading,
  workshopRules: frWorkshopRules.workshopRules,
  workshopEntry: frWorkshopEntry.workshopEntry,
  workshopOverview: frWorkshopOverview.workshopOverview,
  workshopPlenary: frWorkshopPlenary.workshopPlenary,
  workshopCore: frWorkshopCore.workshopCore,
} as const;
