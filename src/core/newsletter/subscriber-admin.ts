import { UserFacingError } from '../errors.js';
import { type CsvValue, csvLine } from './csv.js';
import type { SubscriberStore } from './ports.js';
import { SUBSCRIBER_EXPORT_COLUMNS, subscriberExportRow } from './subscriber-export.js';
import {
  type ImportProgress,
  type ImportRecord,
  type ImportReport,
  importConsentedRecords,
} from './subscriber-import.js';
import { checkConsentSource, type Subscriptions } from './subscriptions.js';
import type { Subscriber, SubscriberStatus } from './types.js';

/** Every subscriber status, in the order admin pages list them. */
export const SUBSCRIBER_STATUSES: readonly SubscriberStatus[] = [
  'active',
  'pending',
  'unsubscribed',
  'bounced',
];

/** Reads a status filter; throws a UserFacingError naming the valid values. */
export function parseSubscriberStatus(value: string): SubscriberStatus {
  const status = SUBSCRIBER_STATUSES.find((s) => s === value.trim().toLowerCase());
  if (!status)
    throw new UserFacingError(
      'SUBSCRIBER_STATUS_INVALID',
      `"${value}" is not a subscriber status; use one of ${SUBSCRIBER_STATUSES.join(', ')}.`,
    );
  return status;
}

/** Dependencies of {@link createSubscriberAdmin}. */
export interface SubscriberAdminDeps {
  store: SubscriberStore;
  subscriptions: Subscriptions;
}

/** The admin side of the subscriber list, for the console and the CLI alike. */
export type SubscriberAdmin = ReturnType<typeof createSubscriberAdmin>;

/** Rows per database page when exporting: memory stays flat however long the list is. */
const EXPORT_PAGE = 500;
/** Most search results shown at once. */
const SEARCH_LIMIT = 100;

/**
 * What an admin does with subscribers: counts, search, export (streamed,
 * fixed columns, one CSV writer), adding with consent, importing a CSV, and
 * removing. Consent rules (never re-adding an address that left) live in
 * the subscriptions service this calls.
 */
export function createSubscriberAdmin(deps: SubscriberAdminDeps) {
  const { store, subscriptions } = deps;
  const filter = (status: SubscriberStatus | undefined) => (status ? { status } : {});

  async function* exportRows(
    input: { status?: SubscriberStatus; pageSize?: number } = {},
  ): AsyncGenerator<CsvValue[]> {
    const limit = input.pageSize ?? EXPORT_PAGE;
    for (let afterId: string | null = null; ; ) {
      const page = await store.page({ afterId, limit, ...filter(input.status) });
      for (const subscriber of page) yield subscriberExportRow(subscriber);
      if (page.length < limit) return;
      afterId = page.at(-1)!.id;
    }
  }

  return {
    /** Subscribers by status. */
    counts: (): Promise<Record<SubscriberStatus, number>> => store.countByStatus(),

    /** Addresses containing `query` (case-insensitive), optionally of one status, by address; at most 100. */
    async search(input: {
      query: string;
      status?: SubscriberStatus;
    }): Promise<{ subscribers: Subscriber[]; limit: number; truncated: boolean }> {
      const subscribers = await store.search({
        emailContains: input.query.trim().slice(0, 254),
        limit: SEARCH_LIMIT,
        ...filter(input.status),
      });
      return { subscribers, limit: SEARCH_LIMIT, truncated: subscribers.length === SEARCH_LIMIT };
    },

    /** The export's column names, in order. */
    columns: SUBSCRIBER_EXPORT_COLUMNS,

    /** Every subscriber (or one status) as cells in column order, streamed page by page. */
    exportRows,

    /**
     * The export as CSV text, header first, one chunk per database page:
     * RFC 4180 quoting, CRLF line ends, and formulas neutralised.
     */
    async *exportCsv(input: { status?: SubscriberStatus } = {}): AsyncGenerator<string> {
      yield csvLine(SUBSCRIBER_EXPORT_COLUMNS);
      let chunk = '';
      let rows = 0;
      for await (const row of exportRows(input)) {
        chunk += csvLine(row);
        if (++rows % EXPORT_PAGE === 0) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    },

    /** Adds one address as active with its consent source (never re-activates one that left). */
    add: (input: { email: string; consentSource: string }) => subscriptions.addConsented(input),

    /**
     * Adds every address of a CSV's `email` column with one consent source;
     * see {@link importConsentedRecords}. `onProgress` hears after each data row.
     */
    async importCsv(input: {
      records: AsyncIterable<ImportRecord>;
      consentSource: string;
      name: string;
      onProgress?: (progress: ImportProgress) => void;
    }): Promise<ImportReport> {
      const consentSource = checkConsentSource(input.consentSource);
      return importConsentedRecords({
        records: input.records,
        name: input.name,
        add: async (email) => (await subscriptions.addConsented({ email, consentSource })).outcome,
        onProgress: input.onProgress,
      });
    },

    /** Unsubscribes an address (kept, so no import re-adds it), or erases it and its history with `erase`. */
    remove: (input: { email: string; erase: boolean }) => subscriptions.remove(input),
  };
}
