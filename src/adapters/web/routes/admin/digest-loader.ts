import { TutorError } from '../../../../core/errors.js';
import type { ClickStats } from '../../../../core/newsletter/click-stats.js';
import type { DigestPreview } from '../../../../core/newsletter/digest-job.js';
import type { WebDeps, WebNewsletter } from '../../web-deps.js';

type Newsletter = WebNewsletter;

/** What the digest page shows for one week. */
export interface DigestPageData {
  weekKey: string;
  issue: Awaited<ReturnType<Newsletter['digest']['issue']>>;
  pin: Awaited<ReturnType<Newsletter['digest']['pinOf']>>;
  latest: Awaited<ReturnType<Newsletter['digest']['status']>>;
  /** The issue as it would go out, or null with `previewError` saying why it cannot. */
  preview: DigestPreview | null;
  previewError: string | null;
  concepts: ReadonlyArray<{ slug: string; title: string }>;
  useCases: ReadonlyArray<{ slug: string; title: string }>;
  schedule: Newsletter['schedule'];
  mailerDescription: string;
  /** Link clicks per issue and per concept (aggregates); null when click counting is off. */
  clicks: ClickStats | null;
  /** Welcome emails and where the newest subscribers are on the welcome track (decision 013). */
  welcomeTrack: Awaited<ReturnType<Newsletter['digest']['welcomeTrack']>>;
}

/** How many of the newest subscribers on the welcome track the page lists. */
export const TRACK_LIST_LIMIT = 50;

/** Reads the week's issue, its pin and preview, the latest issue's delivery status, the click counts, the welcome track, and what can be pinned. */
export async function loadDigestPage(
  deps: Pick<WebDeps, 'library'>,
  newsletter: Newsletter,
  weekKey: string,
): Promise<DigestPageData> {
  const { digest } = newsletter;
  const library = deps.library.current();
  const [issue, pin, latest, welcomeTrack, clicks] = await Promise.all([
    digest.issue(weekKey),
    digest.pinOf(weekKey),
    digest.status({ failureLimit: 100 }),
    digest.welcomeTrack({ limit: TRACK_LIST_LIMIT }),
    newsletter.clicks ? newsletter.clicks.stats() : null,
  ]);
  let preview: DigestPreview | null = null;
  let previewError: string | null = null;
  try {
    preview = await digest.preview({ weekKey });
  } catch (error) {
    if (!(error instanceof TutorError)) throw error;
    previewError = error.message;
  }
  return {
    weekKey,
    issue,
    pin,
    latest,
    preview,
    previewError,
    concepts: library.concepts,
    useCases: library.useCases,
    schedule: newsletter.schedule,
    mailerDescription: newsletter.mailerDescription,
    clicks,
    welcomeTrack,
  };
}
