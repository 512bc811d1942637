// French strings of the rules: refusals of the new moves, what each phase asks of each person, moderation records.
export const frRules = {
  refusal: {
    // Observers, undo, removed seats (checked by the server)
    deckNothingNew: "Toutes les cartes de « {{file}} » sont déjà à cette table : rien n'a été ajouté.",
    observerReadOnly: "Vous suivez cette table en observation : vous pouvez tout voir, mais rien y changer.",
    nothingToUndo: "Il n'y a plus rien à annuler.",
    undoConflict: "Cette action ne peut plus être annulée : ce qui a suivi en dépend.",
    seatRemoved: "L'animation vous a retiré·e de cette table : ce lien ne vous y fait plus entrer.",
    // Seats, roles, turns
    participantRemoved: "L'animation vous a retiré·e de cette table : vous pouvez suivre le récit, mais plus y jouer.",
    notYourTurn: "Ce n'est pas votre tour : c'est à {{name}} de jouer.",
    nobodysTurn: "Personne n'a la main pour l'instant : attendez que l'animation donne le tour.",
    tableLocked: "L'animation a fermé la table aux nouvelles arrivées.",
    alreadyInPhase: "La table est déjà dans la phase « {{phase}} ».",
    // Preparation
    tooManyFutures: "Pas plus de {{max}} futurs souhaitables : regroupez-en ou retirez-en un d'abord.",
    futureTooLong: "Chaque futur souhaitable doit tenir en {{max}} caractères.",
    constraintTimeTooLong: "La contrainte de temps ne doit pas dépasser {{max}} caractères.",
    constraintValuesTooLong: "La contrainte de valeurs ne doit pas dépasser {{max}} caractères.",
    constraintActorsTooLong: "La contrainte sur les acteurs ne doit pas dépasser {{max}} caractères.",
    noDeckInPlay: "Gardez au moins une pioche en jeu.",
    unknownTheme: "Le thème « {{theme}} » n'existe pas dans les défis de cette table (thèmes : {{themes}}).",
    challengeNotInPile: "Ce défi n'est plus dans la pioche : il est dans une main, sur le chemin ou défaussé.",
    noChallengeToDraw:
      "Aucun défi des thèmes en jeu ne reste dans la pioche : choisissez d'autres thèmes ou écrivez votre défi.",
    deckFileInvalid: "Ce paquet de cartes n'a pas pu être importé ; rien n'a changé. {{message}}",
    deckCardIdTaken:
      "{{file}} : la carte « {{cardId}} » porte un identifiant déjà utilisé à cette table ; changez-le puis importez à nouveau.",
    suggestionEmpty: "Écrivez votre proposition avant de l'envoyer.",
    suggestionTooLong: "Une proposition ne doit pas dépasser {{max}} caractères.",
    tooManySuggestions: "Déjà {{max}} propositions en attente : laissez l'animation en traiter quelques-unes.",
    suggestionNotFound: "Cette proposition n'est plus en attente : elle a déjà été acceptée ou écartée.",
    // Play
    deckNotInPlay: "La pioche « {{deck}} » n'est pas en jeu à cette table.",
    noChallengeOfThemes: "Il ne reste aucun défi des thèmes en jeu dans la pioche « Défis ».",
    dealtPitfallKept:
      "Cet écueil vous a été distribué par l'animation : posez-le sur le chemin et racontez comment l'histoire y fait face.",
    cardTitleRequired: "Donnez un titre à votre carte.",
    cardTitleTooLong: "Le titre d'une carte ne doit pas dépasser {{max}} caractères.",
    cardTextRequired: "Écrivez le texte de votre carte.",
    cardTextTooLong: "Le texte d'une carte ne doit pas dépasser {{max}} caractères.",
    contributionEmpty: "Écrivez votre contribution avant de l'envoyer.",
    contributionTooLong: "Une contribution ne doit pas dépasser {{max}} caractères.",
    stepNotOpen: "Cette étape n'est pas un écueil en attente de réponse : ajoutez plutôt un « oui, et… ».",
    contributionNotFound: "Cette contribution n'est plus sous cette étape.",
    alreadyTurns: "Le jeu se fait déjà tour par tour.",
    alreadyFreePlay: "Le jeu est déjà libre.",
    noTurns: "Le jeu est libre : il n'y a pas de tour à passer.",
    turnOrderMismatch: "Le nouvel ordre doit reprendre exactement les personnes du tour, chacune une fois.",
    timerMinutesInvalid: "La durée du minuteur doit être un nombre entier de minutes, de 1 à {{max}}.",
    timerLabelTooLong: "Le nom du minuteur ne doit pas dépasser {{max}} caractères.",
    noTimer: "Aucun minuteur n'est lancé.",
    timerAlreadyPaused: "Le minuteur est déjà en pause.",
    timerAlreadyRunning: "Le minuteur tourne déjà.",
    dealHandFull:
      "La main {{name, de}} est pleine ({{max}} cartes) : posez l'écueil sur le chemin, ou attendez qu'une carte sorte de sa main.",
    participantNotFound: "Cette personne n'est pas (ou plus) à la table.",
    // Debrief
    debriefEmpty:
      "Écrivez où vous vous placez dans le futur souhaitable et comment vous agissez dans cette transition.",
    debriefTooLong: "Votre débrief ne doit pas dépasser {{max}} caractères.",
    // Moderation
    moveOntoItself: "Une étape ne peut pas être déplacée après elle-même.",
    cannotRemoveYourself: "Vous ne pouvez pas vous retirer vous-même de la table : passez d'abord la main à quelqu'un.",
    participantAlreadyRemoved: "{{name}} a déjà été retiré·e de la table.",
    alreadyFacilitator: "{{name}} anime déjà cette table.",
    notAFacilitator: "{{name}} n'anime pas cette table.",
    lastFacilitator: "Une table garde toujours au moins une personne à l'animation : nommez quelqu'un d'autre d'abord.",
    handOverToYourself: "Choisissez une autre personne à qui passer l'animation.",
  },
  phaseGuide: {
    preparation: {
      facilitator:
        "Avec le groupe, nommez le système, son état présent, l'horizon, les futurs souhaitables et les contraintes, choisissez le défi et les pioches, puis lancez la partie.",
      participant: "L'animation prépare la table avec vous : suivez le cadre qui se remplit et proposez vos idées.",
      observer:
        "La table se prépare : le système, l'horizon, les futurs souhaitables et le défi s'affichent au fil de l'eau.",
    },
    play: {
      facilitator:
        "Donnez le rythme (jeu libre ou tour par tour, minuteur), distribuez des écueils, puis passez au débrief quand l'histoire atteint l'horizon.",
      participant:
        "Piochez, posez une carte sur le chemin et racontez ce qui s'y passe ; ajoutez des « oui, et… » aux étapes des autres.",
      observer: "Les participant·es posent leurs cartes sur le chemin et racontent ensemble la transition.",
    },
    debrief: {
      facilitator:
        "Chacun·e écrit sa place dans le futur souhaitable et son rôle dans la transition ; quand tout le monde l'a fait, la table a gagné et vous pouvez clore le récit.",
      participant:
        "Écrivez où vous vous placez dans le futur souhaitable et comment vous agissez dans cette transition.",
      observer: "Chacun·e écrit sa place dans le futur souhaitable : la table gagne quand tout le monde l'a fait.",
    },
    closed: {
      facilitator: "Le récit est terminé : téléchargez-le pour le relire, l'imprimer ou le partager.",
      participant: "Le récit est terminé : merci d'y avoir pris part !",
      observer: "Le récit est terminé.",
    },
  },
  moderation: {
    editStep: "Narration modifiée par l'animation",
    removeStep: "Étape retirée du chemin par l'animation",
    moveStep: "Étape déplacée par l'animation",
    editContribution: "Contribution modifiée par l'animation",
    removeContribution: "Contribution retirée par l'animation",
    removeParticipant: "Personne retirée de la table par l'animation",
    undo: "Dernière action annulée par l'animation",
    /** The source of a card written during play. */
    writtenCardSource: "Écrite à cette table par {{name}}",
    /** How a deck file is named in errors when its name is unknown. */
    importedFile: "Fichier importé",
  },
} as const;
