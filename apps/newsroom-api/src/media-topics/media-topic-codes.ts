/** IPTC Media Topics: the concept URIs behind `medtop:` codes. */
export const MEDIA_TOPICS_SCHEME = 'http://cv.iptc.org/newscodes/mediatopic/';

/** A Media Topic code is eight digits: `medtop:20000639`. */
const MEDIA_TOPIC_CODE = /^medtop:(\d{8})$/;

/** The qcode alias of the scheme: a code under it claims to be a Media Topic, so it is checked against the vocabulary. */
const MEDIA_TOPIC_ALIAS = /^medtop:/i;

/**
 * The concept URI of a category's code (`medtop:20000639` → `http://cv.iptc.org/newscodes/mediatopic/20000639`),
 * or undefined for a house code, a malformed one or none: those categories are exported by name only.
 */
export function mediaTopicUri(code: string | undefined): string | undefined {
  const match = code === undefined ? null : MEDIA_TOPIC_CODE.exec(code);
  return match ? `${MEDIA_TOPICS_SCHEME}${match[1]}` : undefined;
}

/** Whether a category's code names a Media Topic (rightly or not) rather than a house code. */
export function claimsMediaTopic(code: string): boolean {
  return MEDIA_TOPIC_ALIAS.test(code.trim());
}
