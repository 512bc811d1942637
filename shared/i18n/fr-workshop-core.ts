// French strings of a workshop's creation, lobby and seating (the server's answers; server/workshops.ts).
export const frWorkshopCore = {
  workshopCore: {
    titleRequired: "Donnez un titre à l'atelier.",
    titleTooLong: "Le titre de l'atelier ne doit pas dépasser {{max}} caractères.",
    dateInvalid: "La date de l'atelier s'écrit AAAA-MM-JJ (par exemple 2030-06-21), ou se laisse vide.",
    tableCount: "Un atelier compte de {{min}} à {{max}} tables.",
    seatsPerTable: "Chaque table offre de {{min}} à {{max}} places.",
    tablesToName: "Avec une préparation par table, décrivez chacune des {{count}} tables.",
    tableNameTooLong: "Le nom d'une table ne doit pas dépasser {{max}} caractères.",
    /** A table's own setup refused by the rules, in per-table mode: which table, then the rules' reason. */
    tableSetup: "{{table}} : {{reason}}",
    messageTooLong: "Le message ne doit pas dépasser {{max}} caractères.",
    tooManyTables: "Un atelier compte au plus {{max}} tables : {{left}} de plus au plus.",
    addAtLeastOne: "Ajoutez au moins une table.",
    /** The default name of a table, and its title (the table's name, then the workshop's title). */
    tableName: "Table {{number}}",
    tableTitle: "{{name}} · {{title}}",
    workshopNotFound: "Cet atelier n'existe pas (ou plus).",
    badLink: "Ce lien ne donne pas accès à cet atelier : vérifiez-le auprès de l'animateur·rice.",
    tableNotInWorkshop: "Cette table ne fait pas partie de l'atelier.",
    // Why the lobby seats nobody at a table now (shared/workshop-seating.ts SeatRefusalCode).
    arrivalsClosed: "Les arrivées sont closes : demandez à l'animateur·rice de l'atelier de vous placer.",
    storyClosed: "Le récit de « {{table}} » est terminé : choisissez une autre table.",
    tableLocked: "« {{table}} » est verrouillée : elle n'accepte plus d'arrivées. Choisissez une autre table.",
    tableFull: "« {{table}} » est complète ({{seats}} places) : choisissez une autre table, ou « Placez-moi ».",
    noTableOpen: "Aucune table n'a de place libre : demandez à l'animateur·rice d'en ouvrir une autre.",
  },
} as const;
