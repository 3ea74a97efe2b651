/** The exports name Media Topics as the vocabulary does: one module says what a code and its URI are. */
export { MEDIA_TOPICS_SCHEME, mediaTopicUri } from '../media-topics/media-topic-codes';
