import type { CliCommand } from '../cli-types.js';
import { digestPinCommand } from './digest-pin.js';
import { digestPreviewCommand } from './digest-preview.js';
import { digestRetryFailedCommand } from './digest-retry-failed.js';
import { digestSendCommand } from './digest-send.js';
import { digestStatusCommand } from './digest-status.js';
import { subscribersAddCommand } from './subscribers-add.js';
import { subscribersExportCommand } from './subscribers-export.js';
import { subscribersImportCommand } from './subscribers-import.js';
import { subscribersRemoveCommand } from './subscribers-remove.js';

/** `tutor subscribers …` and `tutor digest …`. */
export const newsletterCommands: readonly CliCommand[] = [
  subscribersAddCommand,
  subscribersImportCommand,
  subscribersExportCommand,
  subscribersRemoveCommand,
  digestPreviewCommand,
  digestSendCommand,
  digestStatusCommand,
  digestRetryFailedCommand,
  digestPinCommand,
];
