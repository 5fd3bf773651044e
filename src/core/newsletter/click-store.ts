/** One aggregate counter: the clicks on one link of one issue's copies that taught one concept. No person is named. */
export interface LinkClickCount {
  weekKey: string;
  conceptSlug: string;
  /** `archive`, `concept`, `use-case`, `concept-link:<hash>` or `use-case-link:<hash>`. */
  link: string;
  /** Where the last counted click was sent. */
  url: string;
  clicks: number;
}

/** Persistence of the click counters (Prisma in src/adapters/db/newsletter/prisma-click-store.ts). */
export interface ClickStore {
  /**
   * Counts one click on (issue `weekKey`, `conceptSlug`, `link`) unless
   * `dedupeKey` was counted already, in one statement. False when it was not
   * counted: a duplicate, or no issue of that week went out.
   */
  record(input: {
    weekKey: string;
    conceptSlug: string;
    link: string;
    url: string;
    dedupeKey: string;
    /** When the dedupe key may be forgotten (the end of its window). */
    dedupeUntil: Date;
    now: Date;
  }): Promise<boolean>;
  /** Forgets dedupe keys whose window ended by `now`; returns how many. */
  pruneSeen(now: Date): Promise<number>;
  /** Every counter, for the admin page. */
  totals(): Promise<LinkClickCount[]>;
}
