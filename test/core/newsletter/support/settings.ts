import type { NewsletterSettings } from '../../../../src/core/newsletter/settings.js';

/** Newsletter settings for rendering tests: a public base URL, UTC, no postal address. */
export const testSettings: NewsletterSettings = {
  name: 'Concept Tutor',
  listId: 'digest.example.com',
  postalAddress: null,
  baseUrl: 'https://tutor.example.com',
  messageIdDomain: 'example.com',
  timeZone: 'UTC',
  catchupHours: 24,
};

/** {@link testSettings} with a postal address, as a production newsletter must have. */
export const testSettingsWithAddress: NewsletterSettings = {
  ...testSettings,
  postalAddress: 'Example Ltd, 1 Main St, Springfield',
};
