/** One active concept of IPTC's Media Topics, as the shipped release holds it. */
export interface MediaTopic {
  /** The qcode: `medtop:20000639`. */
  code: string;
  /** The English (en-GB) label, in IPTC's own lower case: `diplomacy`. */
  label: string;
  definition: string;
  /** The parent's code; null for the 17 top topics. */
  broader: string | null;
  /** The children's codes. */
  narrower: readonly string[];
}

/** The shipped file: a release of the vocabulary with its provenance (data/README.md). */
export interface MediaTopicRelease {
  scheme: string;
  /** IPTC's dateReleased, e.g. 2025-10-09T12:00:00+00:00. */
  released: string;
  language: string;
  copyrightHolder: string;
  licence: string;
  topics: readonly MediaTopic[];
}
