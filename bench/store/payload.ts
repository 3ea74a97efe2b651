import type { EventToAppend } from '@newsroom/event-store';

/** One event as the raw baseline inserts it: JSON text, as it goes over the wire. */
export interface EventPayload {
  type: string;
  data: string;
  metadata: string;
}

/** One realistic event: a text correction with its notice, as the API appends it. */
export const CORRECTION: EventToAppend = {
  type: 'TextCorrected',
  data: {
    blockId: 'b-7',
    before: 'The summit opened on Tuesday in Geneva with delegates from 40 countries.',
    after: 'The summit opened on Wednesday in Geneva with delegates from 40 countries.',
    notice: 'An earlier version of this article gave the wrong day for the opening of the summit.',
  },
  metadata: {
    actor: 'bench-reporter',
    reason: 'Reader email',
    correlationId: '5b0c9a8e-4f0e-4b8e-9d1a-6c2f0e7d3a11',
    causationId: null,
    schemaVersion: 1,
  },
};

/** The same event as the raw baseline inserts it: the metadata exactly as the store stores it. */
export const CORRECTION_ROW: EventPayload = {
  type: CORRECTION.type,
  data: JSON.stringify(CORRECTION.data),
  metadata: JSON.stringify({ ...CORRECTION.metadata, idempotencyKey: null }),
};
