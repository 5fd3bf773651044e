/** How the newsletter presents itself and where its links point; resolved from config once at startup. */
export interface NewsletterSettings {
  /** Shown in subjects, headers and footers, e.g. "Concept Tutor". */
  name: string;
  /** The List-Id identifier, e.g. `digest.example.com` (RFC 2919). */
  listId: string;
  /** CAN-SPAM postal address for the footer; null when not configured. */
  postalAddress: string | null;
  /** Absolute base URL of every link in emails, without a trailing slash (PUBLIC_URL, else this machine's address). */
  baseUrl: string;
  /** Right-hand side of Message-IDs, normally the sender's domain. */
  messageIdDomain: string;
  /** IANA zone for week keys and the schedule, e.g. Europe/Berlin. */
  timeZone: string;
  /** A run later than this after its scheduled time does not send (catch-up cutoff). */
  catchupHours: number;
}

/** Builds the absolute URLs the emails and pages link to. */
export function newsletterLinks(baseUrl: string) {
  const at = (path: string, token: string) => `${baseUrl}${path}?token=${encodeURIComponent(token)}`;
  return {
    subscribe: () => `${baseUrl}/newsletter`,
    confirm: (token: string) => at('/newsletter/confirm', token),
    unsubscribe: (token: string) => at('/newsletter/unsubscribe', token),
    manage: (token: string) => at('/newsletter/manage', token),
    concept: (slug: string) => `${baseUrl}/concepts/${encodeURIComponent(slug)}`,
    useCase: (slug: string) => `${baseUrl}/use-cases/${encodeURIComponent(slug)}`,
    /** A "Check yourself" option link of a digest: the page that asks to confirm the answer. */
    recall: (token: string) => `${baseUrl}/practice/email/${token}`,
    /** The page in the web archive ("view in browser"). */
    archive: (weekKey: string) => `${baseUrl}/archive/${encodeURIComponent(weekKey)}`,
  };
}

/** The URL builders of {@link newsletterLinks}. */
export type NewsletterLinks = ReturnType<typeof newsletterLinks>;
