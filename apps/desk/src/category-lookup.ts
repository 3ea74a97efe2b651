/**
 * The desk's side of picking IPTC Media Topics as categories. Pure, so Jest tests every rule: when
 * to look up, what to send once a topic is picked, and how a topic and a suggestion are explained.
 */

export interface TopicChoice {
  code: string;
  label: string;
  broader: { code: string; label: string } | null;
}

export interface SuggestionWhy {
  label: string;
  matched: { label: string[]; definition: string[] };
}

/** Fewer letters than this find too much to be worth a request. */
export const LOOKUP_FROM = 2;

/** What to look up for the text typed so far, or undefined while it is too short to. */
export function lookupTerm(typed: string): string | undefined {
  const term = typed.trim().replace(/\s+/g, ' ');
  return [...term].length >= LOOKUP_FROM ? term : undefined;
}

/**
 * The body of POST /articles/{id}/categories. A topic picked and not retyped since goes by its
 * code alone (the API fills IPTC's label); anything else by the label typed, which the API
 * matches against the topics' labels itself, and keeps as a house tag when none matches.
 */
export function categoryBody(
  typed: string,
  picked: TopicChoice | undefined,
  reason: string,
): { label?: string; code?: string; reason?: string } {
  const why = reason.trim() ? { reason: reason.trim() } : {};
  const label = typed.trim();
  if (picked && label.toLowerCase() === picked.label.toLowerCase()) return { code: picked.code, ...why };
  return { label, ...why };
}

/** Where a topic sits, shown beside it in the list: its parent, or that it is a top topic. */
export function topicPlace(topic: TopicChoice): string {
  return topic.broader ? `in ${topic.broader.label}` : 'a top topic';
}

/** Why a topic is suggested, in words: the story's words found in its label, then in its definition. */
export function suggestionWhy({ matched }: SuggestionWhy): string {
  const label = `Label words in the story: ${matched.label.join(', ')}.`;
  return matched.definition.length > 0 ? `${label} Definition words: ${matched.definition.join(', ')}.` : label;
}

/** The reason recorded in the history when a suggestion is added with one click. */
export function suggestionReason({ label, matched }: SuggestionWhy): string {
  return `Suggested Media Topic “${label}” (the story says ${matched.label.join(', ')})`;
}
