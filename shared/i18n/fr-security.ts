// French strings of the server's protections: limits reached, links changed, requests refused before any work.
export const frSecurity = {
  refusal: {
    tooFast: "Trop d'actions à la fois : attendez une seconde, votre action repartira d'elle-même.",
    logFull:
      "Cette table a atteint sa taille maximale : elle ne prend plus de nouvelle action. L'animateur·rice peut télécharger le récit (JSON) et le continuer dans une nouvelle table.",
    tooManyConnections: "Vous êtes déjà connecté·e à cette table depuis {{max}} onglets ou appareils : fermez-en un.",
    tooManyObservers: "Cette table a déjà {{max}} écrans en observation.",
    tableBusy: "La table est complète pour le moment : réessayez dans un instant.",
  },
  http: {
    rateLimited: "Trop de demandes depuis votre adresse : réessayez dans {{seconds}} secondes.",
    originRefused: "Cette page n'a pas le droit d'utiliser ce serveur.",
    matchmakerClosed: "On rejoint une table par son lien, pas par cette adresse.",
    badLink: "Ce lien ne permet pas d'entrer à cette table : demandez le lien à l'animateur·rice.",
    inviteReplaced: "L'animateur·rice a remplacé ce lien : demandez-lui le nouveau lien pour entrer.",
    importTooLarge: "Ce fichier est trop volumineux pour être importé (au plus {{max}}).",
  },
  share: {
    rotateInvite: "Changer le lien des participant·es",
    rotateInviteHint: "L'ancien lien ne permettra plus d'entrer ; les personnes déjà à la table gardent leur place.",
    rotatedInvite: "Nouveau lien des participant·es : l'ancien ne fonctionne plus.",
    removeAndRotate: "Retirer et changer le lien",
  },
} as const;
