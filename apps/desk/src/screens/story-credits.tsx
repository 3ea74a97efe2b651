/**
 * The byline and dateline as readers see them, above the blocks. Both are optional (a story
 * imported as plain text has neither), so each line is left out rather than shown empty. The
 * dateline is its own line, not spliced into the first paragraph, because selections for
 * corrections are measured inside a block's own text.
 */
export function StoryCredits({ byline, dateline }: { byline: string | null; dateline: string | null }) {
  if (!byline && !dateline) return null;
  return (
    <div class="credits">
      {byline && (
        <p class="byline" data-testid="byline">
          {byline}
        </p>
      )}
      {dateline && (
        <p class="dateline" data-testid="dateline">
          {dateline}
        </p>
      )}
    </div>
  );
}
