/**
 * Edits of the sample story that the load generators cycle through. Each `from` stands once in
 * the story and its `to` not at all, so a correction and its undoing both find exactly one match.
 */

export const CATEGORY = { label: 'US–Russia Relations', slug: 'us-russia-relations', code: 'medtop:20000638' };

/** Garbled in the sample story (paragraph 5) and in need of correction. */
export const OFFICIAL = { from: 'a La Casa official said. White.', to: 'a White House official said.' };

/** Typed with a straight apostrophe: the API matches it against the story's typographic one. */
export const CORRESPONDENT = { from: "Citizen Free Press's Matthew Chance", to: 'CNN’s Matthew Chance' };

export const CORRESPONDENT_BACK = { from: 'CNN’s Matthew Chance', to: 'Citizen Free Press’s Matthew Chance' };
