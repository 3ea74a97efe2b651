import type { MediaTopicRelease } from './media-topic';
import { MediaTopicVocabulary } from './media-topic-vocabulary';

/**
 * The release shipped with the API (data/README.md says which, and under what licence). Imported
 * rather than read from a path, so that the build carries the file into dist beside the code;
 * a dynamic import because only it may say it imports JSON where the build emits CommonJS.
 */
export async function shippedVocabulary(): Promise<MediaTopicVocabulary> {
  const { default: release } = await import('./data/media-topics.en-GB.json', { with: { type: 'json' } });
  return new MediaTopicVocabulary(release satisfies MediaTopicRelease);
}
