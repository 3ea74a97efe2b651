/** How the Stories screen names a story: its headline, or the start of its text when it has none. */
export interface StoryLike {
  headline: string | null;
  blocks: { text: string }[];
}

export function storyTitle(story: StoryLike): string {
  if (story.headline) return story.headline;
  const first = story.blocks[0]?.text ?? '';
  return `(no headline) ${first.length > 80 ? `${first.slice(0, 80)}…` : first}`;
}
