/** Titles and headline search for the Stories screen (the API has no search: this filters loaded pages). */
export interface StoryLike {
  headline: string | null;
  blocks: { text: string }[];
}

export function storyTitle(story: StoryLike): string {
  if (story.headline) return story.headline;
  const first = story.blocks[0]?.text ?? '';
  return `(no headline) ${first.length > 80 ? `${first.slice(0, 80)}…` : first}`;
}

/** Case- and accent-insensitive, quotes folded, every word of the query somewhere in the headline. */
export function matchesHeadline(story: StoryLike, query: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[‘’]/g, "'")
      .replace(/[“”]/g, '"')
      .toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const title = fold(storyTitle(story));
  return words.every((w) => title.includes(w));
}
