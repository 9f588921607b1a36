/**
 * The limits of what a client may send, in one place: the deciders check them, and the HTTP app's
 * DTOs are declared from them (so its validation and its OpenAPI document say the same).
 */
export const LIMITS = {
  /** Free text people write: summaries, evidence, notes, reasons (characters). */
  text: 4000,
  /** Names of units and clusters, a decision's signer. */
  name: 200,
  /** Titles of criteria and groups. */
  title: 500,
  /** A reference to a document: the vote's minutes, a dossier item. */
  reference: 500,
  /** Short codes: a decision's number, a dossier item's kind. */
  code: 100,
  /** A quantitative criterion's unit of measure ("%", "tỷ đồng"). */
  measure: 50,
  /** Member units of a cycle; candidates of one award. */
  units: 1000,
  criteriaGroups: 50,
  criteriaPerGroup: 100,
  /** Bonus items, and penalty items. */
  extraItems: 100,
  awards: 20,
  /** Lines of one submission: targets, progress or scores. */
  lines: 500,
  nominations: 100,
  grants: 100,
  dossier: 100,
  reminders: 10,
  /** Days off of a cycle's calendar (Tết and national holidays over its window). */
  holidays: 100,
  /** The most points an item may be worth. */
  points: 10_000,
  /** The magnitude of a target or an actual figure. */
  quantity: 1e12,
  /** How many units one award may go to. */
  quota: 1000,
  /** Members present at a paper vote. */
  present: 100_000,
  /** A submission's version number. */
  version: 1_000_000,
  yearMin: 1945,
  yearMax: 2200,
} as const;
