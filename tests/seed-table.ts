// Seeds a realistic table on a running server through its public API only, the way browsers would: the home form
// (POST /api/tables), each person's join (POST /api/tables/:id/join, then the SDK taking the reserved seat), and the
// same action requests the browser's outbox sends (client/src/net/connection.ts). Used by the page benchmark
// (bench/page-load.ts) and by end-to-end tests that need a whole workshop on the table (40 steps, 12 people).
//
//   const table = await seedTable({ baseUrl: "http://localhost:2611", participants: 12, steps: 40, phase: "play" });
//   await page.goto(table.participantLink);             // a newcomer: the join form
//   await context.addInitScript(table.seatScript(0));    // …or come back as the seeded facilitator (people[0])
//   await page.goto(table.facilitatorLink);
//   await table.close();                                 // the seeded people leave (the table stays)
//
// The server's pace limits are respected. Unless told its `pace`, the seeder goes as fast as the server takes actions
// and, from the first "tooFast" refusal on, keeps to the server's defaults (20 actions per second per table, 10 per
// person): about 10 s for 40 steps and 12 people on a server with default limits; about 2 s on a server started with
// LIMIT_TABLE_ACTIONS_PER_SECOND and LIMIT_ACTIONS_PER_SECOND raised (the benchmark does). A "tooFast" is retried.

import { randomBytes } from "node:crypto";
import { Client, type Room } from "@colyseus/sdk";
import type { Action, DeckName, Phase } from "#shared/model.ts";
import {
  ACTION_REQUEST,
  API,
  INVITE_LINK_REQUEST,
  PROTOCOL_VERSION,
  WHOAMI_REQUEST,
  type CreatedTable,
  type RefusalReply,
  type ShareLinks,
  type Whoami,
} from "#shared/protocol.ts";
import { createRandom } from "#shared/random.ts";
import type { HandCard, StepView } from "#shared/view.ts";

export type SeedPhase = Phase;

export interface SeedOptions {
  /** The running server, e.g. http://localhost:2611 (no trailing slash). */
  baseUrl: string;
  /** People seated, the facilitator included (people[0]). Default 12. */
  participants?: number;
  /** Cards placed and narrated on the path. Default 40. */
  steps?: number;
  /** The phase the table is left in. Default "play". Debrief texts are written for "debrief" and "closed". */
  phase?: SeedPhase;
  /** « Oui, et… » contributions spread over the path. Default: one step in four. */
  contributions?: number;
  /** Reactions (plausible / desirable) spread over the path. Default: about one and a half per step. */
  reactions?: number;
  /** Table title (the join page names it). */
  title?: string;
  /**
   * Actions per second for the whole table: the server's LIMIT_TABLE_ACTIONS_PER_SECOND. Left out: as fast as the
   * server takes them, and the server's defaults (20 per table, 10 per person) from its first "tooFast" on.
   */
  pace?: number;
  /** Actions per second per person: the server's LIMIT_ACTIONS_PER_SECOND (default: see pace). */
  seatPace?: number;
  /** Seeded randomness: the same seed gives the same table (card order aside, which the server shuffles). */
  seed?: number;
}

export interface SeededPerson {
  name: string;
  role: string;
  participantId: string;
  facilitator: boolean;
  /** The seat key this person joined with: with it in localStorage, a browser is this person (see seatScript). */
  seatKey: string;
  room: Room;
}

export interface SeededTable {
  tableId: string;
  title: string;
  /** Browser addresses: base URL + /t/<id>#animation=… / #invitation=… / #observation=… */
  facilitatorLink: string;
  participantLink: string;
  observerLink: string;
  /** people[0] is the facilitator. They stay connected until close(). */
  people: SeededPerson[];
  /** Step ids in path order. */
  stepIds: string[];
  /** Sends one action as people[index] (as the browser's outbox would); rejects with the server's refusal. */
  act(index: number, action: Action): Promise<void>;
  /** The table as people[index] currently sees it (the synced state's JSON). */
  stateOf(index: number): SeededState;
  /**
   * A script for Playwright's addInitScript that puts people[index]'s seat key in the browser's storage, so that
   * opening facilitatorLink (index 0) or participantLink (others) brings that very person back to their seat.
   */
  seatScript(index: number): string;
  /** Everyone seeded leaves (consented leave); the table stays on the server. */
  close(): Promise<void>;
}

/** The parts of the synced state the seeder reads. */
export interface SeededState {
  phase: Phase;
  path: StepView[];
  piles: Record<DeckName, number>;
  participants: Record<string, { id: string; name: string; hand?: HandCard[]; debrief?: string }>;
}

// ————— What the people write —————

const TABLE = {
  title: "Atelier des Lilas — le quartier en 2040",
  system:
    "Le quartier des Lilas, 12 000 habitant·es en première couronne : un grand ensemble des années 1970, un bourg ancien, une zone d'activités et une gare RER.",
  presentState:
    "Aujourd'hui, 60 % des trajets se font en voiture, les logements sont mal isolés et le centre commercial se vide. Une association de quartier très active, un collège, un marché deux fois par semaine.",
  horizonYear: 2040,
  desirableFuture:
    "En 2040, on vit aux Lilas sans voiture personnelle, on s'y chauffe pour moitié moins cher, et les décisions qui touchent le quartier se prennent avec celles et ceux qui l'habitent.",
  framingChallengeId: null,
  framingChallengeText: "Comment rendre le quartier vivable sans voiture individuelle en quinze ans ?",
};

const PEOPLE: { name: string; role: string }[] = [
  { name: "Camille Roux", role: "Animatrice, agence d'urbanisme" },
  { name: "Karim Benali", role: "Élu à la mobilité" },
  { name: "Sophie Marchand", role: "Habitante du bourg" },
  { name: "Jean-Baptiste Lefèvre", role: "Commerçant, boulangerie de la place" },
  { name: "Aïcha Diallo", role: "Présidente de l'association des locataires" },
  { name: "Thomas Nguyen", role: "Agent des services techniques" },
  { name: "Lucie Perrin", role: "Professeure au collège" },
  { name: "Marc-Antoine Dubois-Lambert", role: "Directeur d'une PME de la zone d'activités" },
  { name: "Inès Garcia", role: "Étudiante, conseil de quartier" },
  { name: "Henri Morel", role: "Retraité, jardins partagés" },
  { name: "Fatou Sow", role: "Infirmière libérale" },
  { name: "Léa Fontaine", role: "Cheffe de projet au bailleur social" },
  { name: "Olivier Chevalier", role: "Maraîcher en périphérie" },
  { name: "Nadia Haddad", role: "Médiatrice numérique" },
  { name: "Paul Besson", role: "Conducteur de bus" },
  { name: "Zoé Laurent", role: "Architecte" },
];

const NARRATIONS = [
  "Tout commence par une réunion publique houleuse au gymnase : la fermeture de la ligne de bus 12 a mis trois cents personnes en colère.",
  "L'association des locataires recense, porte à porte, qui a besoin d'une voiture et pour quoi faire. Surprise : la moitié des trajets font moins de trois kilomètres.",
  "La mairie ouvre les données de ses compteurs. Un groupe d'étudiantes en fait une carte que tout le monde peut lire, et le collège l'affiche dans le hall.",
  "Les commerçants de la place refusent d'abord la piétonnisation. Un essai d'un mois, un samedi sur deux, fait changer d'avis la boulangerie, puis les autres.",
  "On teste.",
  "Un atelier vélo s'installe dans l'ancienne station-service. Le lundi, il forme des jeunes du grand ensemble à la réparation ; le samedi, ils tiennent l'atelier eux-mêmes.",
  "Le bailleur social lance l'isolation des tours par l'extérieur, mais oublie de prévenir les habitant·es : les échafaudages arrivent sans explication et la méfiance s'installe.",
  "Les jardins partagés doublent de surface sur les pelouses au pied des immeubles.",
  "La zone d'activités met en commun ses navettes : elles passent désormais par la gare et par le collège, aux heures où personne ne les utilisait.",
  "Une panne géante du réseau de chaleur en janvier 2029 oblige à ouvrir le gymnase la nuit. On découvre qui vit seul et qui n'a personne à appeler. Le quartier ne l'oubliera pas.",
  "Après la panne, un réseau de voisins vigilants se crée, d'abord sur une messagerie, puis avec un tableau papier dans chaque hall pour celles et ceux qui ne sont pas en ligne.",
  "La coopérative d'énergie propose aux copropriétés du bourg de poser des panneaux sur leurs toits ; trois acceptent, vingt attendent de voir.",
  "Un budget participatif de 400 000 € est voté. Le premier projet retenu : des bancs et de l'ombre sur le chemin de l'école.",
  "Les infirmières libérales signalent que les plus âgé·es ne sortent plus depuis la fin du bus. Le conseil de quartier en fait sa priorité de l'année.",
  "Le transport à la demande démarre avec deux minibus électriques conduits par d'anciens chauffeurs de la ligne 12.",
  "Le centre commercial vide est racheté par la ville. Au rez-de-chaussée : une halle alimentaire, une ressourcerie et une antenne de la médiathèque.",
  "Les maraîchers de la ceinture verte s'organisent pour livrer la halle trois fois par semaine, à vélo-cargo depuis la gare.",
  "Une appli de covoiturage de proximité échoue : trop compliquée, personne ne l'ouvre. On revient à un panneau en liège à la boulangerie, qui marche mieux.",
  "La cantine du collège passe à 80 % de produits locaux ; les parents suivent l'origine de chaque repas sur un affichage à l'entrée.",
  "La rue de la Gare devient une rue-jardin : les voitures n'y passent plus qu'au pas, les enfants y jouent le mercredi.",
  "Le prix de l'électricité flambe en 2032. Les foyers isolés en premier s'en sortent ; les autres demandent que les travaux accélèrent, et ils ont raison.",
  "Un collectif d'habitant·es monte une foncière solidaire pour racheter les rez-de-chaussée commerciaux vacants et les louer à prix coûtant.",
  "Les ados du grand ensemble cartographient les endroits où l'on a peur la nuit. La carte change l'éclairage public et l'emplacement des arrêts.",
  "On ferme le parking silo de la gare pour en faire des logements étudiants ; il reste 40 places pour les personnes à mobilité réduite et l'autopartage.",
  "Le conseil de quartier obtient que chaque chantier soit présenté en bas de l'immeuble concerné avant de commencer. Les échafaudages ne font plus peur.",
  "La PME de la zone d'activités relocalise une partie de sa fabrication grâce à un atelier partagé avec des makers du quartier.",
  "Une grande fête des voisins, rue fermée, réunit 2 000 personnes. On y vote, à main levée, le nom de la future place.",
  "La chaleur des serveurs de la médiathèque et de la mairie chauffe désormais la piscine municipale.",
  "Tout ne marche pas : la ressourcerie manque de bénévoles l'été, et ferme six semaines.",
  "Les écoles organisent le pédibus chaque matin ; les parents qui ne conduisent plus leurs enfants gagnent vingt minutes.",
  "Le bailleur social confie l'entretien des espaces verts à une régie de quartier qui emploie douze habitant·es.",
  "Le conseil municipal adopte une charte : pas de nouvel outil numérique pour les habitant·es sans une solution équivalente au guichet ou sur papier.",
  "La ligne 12 revient, sous la forme d'un bus à haut niveau de service qui relie la gare au bourg toutes les huit minutes.",
  "Les copropriétés qui attendaient de voir ont vu : dix-sept nouvelles toitures solaires en deux ans, financées en partie par l'épargne des habitant·es.",
  "Les dernières voitures ventouses quittent la cité. Les places libérées deviennent des jardins de pluie et des abris à vélos.",
  "Un jeune du premier atelier vélo ouvre sa propre boutique de réparation sur la place.",
  "En 2038, le quartier consomme 45 % d'énergie de moins qu'en 2025, et la moitié de ce qu'il consomme est produite sur place.",
  "Il reste du chemin : les loyers ont monté près de la gare, et certaines familles sont parties. La foncière solidaire achète deux immeubles de plus pour contenir la hausse.",
  "Le quartier accueille d'autres communes qui veulent comprendre comment il a fait. Les visites sont guidées par les habitant·es eux-mêmes.",
  "En 2040, une élection locale se joue sur la question : faut-il étendre la rue-jardin à tout le bourg ? Personne ne propose de revenir en arrière.",
  "On recommence le recensement de 2026 : les trajets de moins de trois kilomètres se font désormais à pied, à vélo ou en bus pour 85 % d'entre eux.",
  "Une dernière réunion publique au gymnase, cette fois pour fêter les quinze ans de l'atelier vélo.",
];

const CONTRIBUTIONS = [
  "Oui, et les ados du collège pourraient tenir une permanence le mercredi après-midi.",
  "Oui, et on demande au bailleur de mettre une salle à disposition gratuitement.",
  "Oui, et les commerçants affichent les résultats en vitrine.",
  "Oui, et il faudra prévoir une version en plusieurs langues : un quart du quartier ne lit pas le français couramment.",
  "Oui, et la médiathèque prête le matériel.",
  "Oui, et les personnes âgées de la résidence peuvent en être les premières ambassadrices, elles connaissent tout le monde.",
  "Oui, et ça donne l'idée d'un second essai l'hiver, quand il fait nuit à 17 heures.",
  "Oui, et on garde une trace écrite de chaque décision dans le journal du quartier.",
  "Oui, et les agents des services techniques y participent sur leur temps de travail.",
  "Oui, et c'est l'occasion de former des habitant·es à l'animation de réunions.",
];

const DEBRIEFS = [
  "En 2040, je suis au conseil de la coopérative d'énergie. Je m'occupe de ce que personne ne veut faire : expliquer les factures.",
  "J'ai quitté ma voiture en 2031 ; je fais les livraisons de la halle à vélo-cargo deux matins par semaine.",
  "Je tiens la permanence numérique de la médiathèque, au rez-de-chaussée de l'ancien centre commercial.",
  "Mon entreprise partage son atelier avec les makers du quartier et forme deux apprentis par an.",
  "Je préside la foncière solidaire. Mon rôle : que personne ne soit chassé du quartier par sa réussite.",
  "Je suis toujours élu, et je viens à chaque réunion de pied d'immeuble, sans exception.",
  "Je fais le pédibus le mardi et le jeudi, et j'enseigne la cartographie aux troisièmes.",
  "Je continue les jardins partagés ; j'ai passé le relais de l'arrosage aux élèves de la régie.",
  "Je coordonne les visites des autres communes : raconter ce qui a raté fait partie de la visite.",
  "J'ai ouvert un cabinet de soins sur la place ; mes patient·es y viennent en bus.",
  "Je conduis le bus à haut niveau de service, ligne 12, et je connais les habitué·es par leur prénom.",
  "Je dessine les rues-jardins du bourg avec les riverain·es, rue par rue.",
];

/** Cards a table writes for itself: the long titles people really type. */
const WRITTEN_CARDS: { deck: DeckName; title: string; text: string }[] = [
  {
    deck: "challenge",
    title:
      "Une coopérative citoyenne d'énergie qui rachète les toits des écoles, du gymnase et de la médiathèque du quartier",
    text: "Et si les habitant·es possédaient ensemble l'énergie produite sur les bâtiments publics du quartier ?",
  },
  {
    deck: "lever",
    title: "Des réunions au pied de chaque immeuble avant chaque chantier, avec une traduction et une garde d'enfants",
    text: "La concertation va là où sont les gens, au lieu de les attendre en mairie.",
  },
];

// ————— Machinery —————

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** At most `perSecond` calls in any one-second window (the server counts per fixed window: this never exceeds it). */
class Pace {
  #times: number[] = [];
  #chain: Promise<unknown> = Promise.resolve();
  perSecond: number;
  constructor(perSecond: number) {
    this.perSecond = perSecond;
  }
  take(): Promise<void> {
    if (!Number.isFinite(this.perSecond)) return Promise.resolve();
    const turn = this.#chain.then(async () => {
      for (;;) {
        const now = Date.now();
        while (this.#times.length > 0 && (this.#times[0] ?? 0) <= now - 1000) this.#times.shift();
        if (this.#times.length < this.perSecond) {
          this.#times.push(now);
          return;
        }
        // A few ms of margin: the server's window and ours do not start at the same instant.
        await sleep((this.#times[0] ?? now) + 1000 - now + 5);
      }
    });
    this.#chain = turn;
    return turn;
  }
}

export class SeedRefused extends Error {
  readonly code: string;
  constructor(action: Action, refusal: RefusalReply) {
    super(`${action.type} refused: ${refusal.code} ${refusal.message}`);
    this.code = refusal.code;
  }
}

function newSeatKey(): string {
  return randomBytes(32).toString("base64url");
}

/** The path and fragment of a link the server made (its base may be PUBLIC_URL or localhost). */
function inApp(link: string): string {
  const url = new URL(link, "http://x");
  return `${url.pathname}${url.hash}`;
}

async function joinTable(baseUrl: string, tableId: string, options: Record<string, unknown>): Promise<Room> {
  const response = await fetch(`${baseUrl}${API.join(tableId)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, ...options }),
  });
  const body = (await response.json()) as { message?: string };
  if (!response.ok) throw new Error(`join refused: HTTP ${response.status} ${body.message ?? ""}`);
  const room = await new Client(baseUrl).consumeSeatReservation(
    body as Parameters<Client["consumeSeatReservation"]>[0],
  );
  room.onMessage(WHOAMI_REQUEST, () => undefined);
  return room;
}

function stateOf(room: Room): SeededState {
  const json = (room.state as { toJSON(): Record<string, unknown> }).toJSON() as Omit<Partial<SeededState>, "path"> & {
    path?: StepView[] | Record<string, StepView>;
  };
  const path: StepView[] = Array.isArray(json.path) ? json.path : Object.values(json.path ?? {});
  return {
    phase: json.phase ?? "preparation",
    path,
    piles: json.piles ?? { challenge: 0, lever: 0, pitfall: 0 },
    participants: json.participants ?? {},
  };
}

/** Resolves once this room's state satisfies the predicate (patches arrive a few tens of ms after each reply). */
function until<T>(
  room: Room,
  read: (state: SeededState) => T | undefined | null | false,
  timeoutMs = 15_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const check = (): void => {
      const value = room.state ? read(stateOf(room)) : undefined;
      if (done || value === undefined || value === null || value === false) return;
      done = true;
      clearTimeout(timer);
      room.onStateChange.remove(check);
      resolve(value);
    };
    const timer = setTimeout(() => {
      room.onStateChange.remove(check);
      reject(new Error("the seeded table did not reach the expected state in time"));
    }, timeoutMs);
    room.onStateChange(check);
    check();
  });
}

function handOf(state: SeededState, participantId: string): HandCard[] {
  const hand = state.participants[participantId]?.hand ?? [];
  return Array.isArray(hand) ? hand : Object.values(hand);
}

/**
 * Seeds a table: opens it, seats the people, plays `steps` cards with their narrations, some « oui, et… » and
 * reactions, and leaves it in `phase`. The people stay connected until close().
 */
export async function seedTable(options: SeedOptions): Promise<SeededTable> {
  const baseUrl = options.baseUrl.replace(/\/$/, "");
  const count = Math.max(1, Math.min(options.participants ?? 12, 40));
  const steps = Math.max(0, options.steps ?? 40);
  const phase = options.phase ?? "play";
  const rand = createRandom(String(options.seed ?? 2040));
  const tablePace = new Pace(options.pace ?? Infinity);
  const seatPaceLimit = options.seatPace ?? options.pace ?? Infinity;
  const title = options.title ?? TABLE.title;

  const created = await fetch(baseUrl + API.createTable, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...TABLE, title }),
  });
  if (created.status !== 201)
    throw new Error(`the table was not opened: HTTP ${created.status} ${await created.text()}`);
  const links = (await created.json()) as CreatedTable;
  const { tableId } = links;
  const secretOf = (link: string) => decodeURIComponent(new URL(link, "http://x").hash.split("=")[1] ?? "");

  // The facilitator first (the table's first seat), then everyone else at once, as a room filling up.
  const identities = Array.from(
    { length: count },
    (_, i) => PEOPLE[i] ?? { name: `Participant·e ${i + 1}`, role: "Habitant·e" },
  );
  const seatKeys = identities.map(() => newSeatKey());
  const facilitatorRoom = await joinTable(baseUrl, tableId, {
    facilitatorKey: secretOf(links.facilitatorLink),
    seatKey: seatKeys[0],
    ...identities[0],
  });
  const rooms = [
    facilitatorRoom,
    ...(await Promise.all(
      identities
        .slice(1)
        .map((who, i) =>
          joinTable(baseUrl, tableId, { invite: secretOf(links.participantLink), seatKey: seatKeys[i + 1], ...who }),
        ),
    )),
  ];
  const people: SeededPerson[] = [];
  const seatPaces = rooms.map(() => new Pace(seatPaceLimit));
  // whoami counts against the seat's pace, not the table's.
  for (const [i, room] of rooms.entries()) {
    await seatPaces[i]?.take();
    const me = (await room.request(WHOAMI_REQUEST)) as Whoami;
    const who = identities[i] ?? { name: "", role: "" };
    if (!me.participantId) throw new Error(`${who.name} was not seated`);
    people.push({
      ...who,
      participantId: me.participantId,
      facilitator: me.facilitator,
      seatKey: seatKeys[i] ?? "",
      room,
    });
  }

  let sent = 0;
  const act = async (index: number, action: Action): Promise<void> => {
    const person = people[index];
    if (!person) throw new Error(`no seeded person ${index}`);
    const id = `seed-${(sent += 1)}-${randomBytes(6).toString("hex")}`;
    for (let attempt = 0; ; attempt += 1) {
      await seatPaces[index]?.take();
      await tablePace.take();
      try {
        await person.room.request(ACTION_REQUEST, { id, action }, { timeout: 15_000 });
        return;
      } catch (error) {
        const refusal = (error as { reason?: RefusalReply }).reason;
        // Someone else is acting on this table too: wait for the next window, as the browser's outbox does.
        if (refusal?.code === "tooFast" && attempt < 50) {
          if (options.pace === undefined && !Number.isFinite(tablePace.perSecond)) {
            tablePace.perSecond = 20;
            for (const pace of seatPaces) pace.perSecond = 10;
          }
          await sleep(250);
          continue;
        }
        if (refusal) throw new SeedRefused(action, refusal);
        throw error;
      }
    }
  };
  const facilitator = people[0] as SeededPerson;
  const observe = facilitator.room;

  if (steps > 0 || phase !== "preparation") await act(0, { type: "startPlay" });

  // ——— The path: rounds of up to four cards per person (a hand holds five) ———
  const owners = Array.from({ length: steps }, (_, i) => i % count);
  const writtenAt = new Set(steps >= 20 ? [Math.floor(steps * 0.3), Math.floor(steps * 0.65)] : []);
  let writtenIndex = 0;
  const deckFor = (n: number): DeckName => (n % 9 === 4 ? "pitfall" : n % 5 === 2 ? "lever" : "challenge");
  const stepIds: string[] = [];
  const perRound = count * 4;

  /** One card into this person's hand for step n: drawn (a blank is put aside), or written when the piles run dry. */
  const getCard = async (index: number, n: number): Promise<string> => {
    const person = people[index] as SeededPerson;
    const before = new Set(handOf(stateOf(person.room), person.participantId).map((c) => c.id));
    const arrived = () => until(person.room, (s) => handOf(s, person.participantId).find((c) => !before.has(c.id)));
    if (writtenAt.has(n)) {
      const card = WRITTEN_CARDS[writtenIndex++ % WRITTEN_CARDS.length] as (typeof WRITTEN_CARDS)[number];
      await act(index, { type: "writeCard", ...card });
      return (await arrived()).id;
    }
    const preferred = deckFor(n);
    for (let tries = 0; tries < 12; tries += 1) {
      const piles = stateOf(person.room).piles;
      const deck = ([preferred, "challenge", "lever", "pitfall"] as DeckName[]).find((d) => piles[d] > 0);
      if (!deck) break;
      try {
        await act(index, { type: "draw", deck });
      } catch (error) {
        if (error instanceof SeedRefused && (error.code === "deckEmpty" || error.code === "noChallengeOfThemes"))
          continue;
        throw error;
      }
      const card = await arrived();
      before.add(card.id);
      if (!card.blank) return card.id;
      // A blank card (« Défi à écrire ») asks to be written: this seeded person puts it aside instead.
      await act(index, { type: "discard", cardId: card.id });
    }
    // Every pile is dry: the table writes its own card.
    await act(index, {
      type: "writeCard",
      deck: preferred,
      title: `Notre carte n° ${n + 1}`,
      text: "Une carte écrite par la table.",
    });
    return (await arrived()).id;
  };

  for (let start = 0; start < steps; start += perRound) {
    const round = owners.slice(start, start + perRound).map((owner, k) => ({ owner, n: start + k }));
    // Each person gets their cards for this round (people in parallel, one person's cards one after the other).
    const cards = new Map<number, string>();
    await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        for (const { owner, n } of round) if (owner === index) cards.set(n, await getCard(index, n));
      }),
    );
    // Placed in reverse after the same anchor: each goes right after it, so the round reads in order.
    const anchor = stepIds.at(-1) ?? null;
    for (const { owner, n } of [...round].reverse()) {
      await act(owner, { type: "place", cardId: cards.get(n) ?? "", afterStepId: anchor });
    }
    const placed = new Set(cards.values());
    const path = await until(observe, (s) =>
      s.path.filter((step) => placed.has(step.card.id)).length === placed.size ? s.path : null,
    );
    const byCard = new Map(path.map((step) => [step.card.id, step.id]));
    const roundIds = round.map(({ n }) => byCard.get(cards.get(n) ?? "") ?? "");
    stepIds.push(...roundIds);
    // Narrations, in parallel: each by the person who placed the step.
    await Promise.all(
      round.map(({ owner, n }, k) =>
        act(owner, { type: "narrate", stepId: roundIds[k] ?? "", text: NARRATIONS[n % NARRATIONS.length] ?? "" }),
      ),
    );
  }

  // ——— « Oui, et… » and reactions, by people other than the step's author ———
  const contributionCount = Math.min(options.contributions ?? Math.round(steps / 4), steps * 3);
  const reactionCount = Math.min(options.reactions ?? Math.round(steps * 1.5), steps * count * 2);
  const others = (owner: number) => {
    const index = count === 1 ? 0 : (owner + 1 + Math.floor(rand() * (count - 1))) % count;
    return index;
  };
  const extra: Promise<void>[] = [];
  for (let c = 0; c < contributionCount && steps > 0; c += 1) {
    const n = Math.floor(rand() * steps);
    extra.push(
      act(others(owners[n] ?? 0), {
        type: "contribute",
        stepId: stepIds[n] ?? "",
        kind: "yesAnd",
        text: CONTRIBUTIONS[c % CONTRIBUTIONS.length] ?? "",
      }),
    );
  }
  const reacted = new Set<string>();
  for (let r = 0; r < reactionCount && steps > 0; r += 1) {
    const n = Math.floor(rand() * steps);
    const who = others(owners[n] ?? 0);
    const reaction = rand() < 0.55 ? "desirable" : "plausible";
    const key = `${n}:${who}:${reaction}`;
    // Reacting twice takes the reaction back: each person reacts once per kind per step.
    if (reacted.has(key)) continue;
    reacted.add(key);
    extra.push(act(who, { type: "react", stepId: stepIds[n] ?? "", reaction }));
  }
  await Promise.all(extra);

  // ——— The phase asked for ———
  if (phase === "debrief" || phase === "closed") {
    await act(0, { type: "setPhase", phase: "debrief" });
    await Promise.all(
      people.map((_, i) => act(i, { type: "writeDebrief", text: DEBRIEFS[i % DEBRIEFS.length] ?? "" })),
    );
    if (phase === "closed") await act(0, { type: "closeStory" });
  } else if (phase === "preparation" && steps > 0) {
    await act(0, { type: "setPhase", phase: "preparation" });
  }
  const finalPhase = phase;
  await until(observe, (s) => s.phase === finalPhase);

  // Asked right after a burst of the facilitator's actions: the server may say "too fast" once or twice.
  let shared: ShareLinks | null = null;
  for (let attempt = 0; !shared; attempt += 1) {
    await seatPaces[0]?.take();
    try {
      shared = (await facilitator.room.request(INVITE_LINK_REQUEST)) as ShareLinks;
    } catch (error) {
      if ((error as { reason?: RefusalReply }).reason?.code !== "tooFast" || attempt >= 20) throw error;
      await sleep(250);
    }
  }

  return {
    tableId,
    title,
    facilitatorLink: baseUrl + inApp(links.facilitatorLink),
    participantLink: baseUrl + inApp(links.participantLink),
    observerLink: baseUrl + inApp(shared.observerPath),
    people,
    stepIds,
    act,
    stateOf: (index) => stateOf((people[index] ?? facilitator).room),
    seatScript: (index) => {
      const seat = { seatKey: people[index]?.seatKey ?? "", seated: true };
      return `try { localStorage.setItem(${JSON.stringify(`jdt:seat:${tableId}`)}, ${JSON.stringify(JSON.stringify(seat))}); } catch {}`;
    },
    close: async () => {
      await Promise.all(people.map((p) => p.room.leave(true).catch(() => undefined)));
    },
  };
}
