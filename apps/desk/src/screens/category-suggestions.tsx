import type { components } from '@newsroom/api-client';
import { useEffect, useState } from 'preact/hooks';
import { suggestionWhy, topicPlace } from '../category-lookup';
import type { Session } from '../session';
import { call } from '../ui';

export type Suggestion = components['schemas']['CategorySuggestion'];

/**
 * Media Topics the story's words suggest (GET /articles/{id}/category-suggestions), each with why
 * and one click to add it. Asked again whenever the story changes.
 */
export function CategorySuggestions(props: {
  session: Session;
  id: string;
  revision: number;
  busy: boolean;
  onAdd: (suggestion: Suggestion) => void;
}) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  useEffect(() => {
    let shown = true;
    const path = { id: props.id };
    void call(props.session.client.GET('/articles/{id}/category-suggestions', { params: { path } })).then((result) => {
      if (shown) setSuggestions(result.ok ? result.data.items : []);
    });
    return () => {
      shown = false;
    };
  }, [props.id, props.revision]);

  if (suggestions.length === 0) return null;
  return (
    <>
      <h3 id="suggested-topics">Suggested Media Topics</h3>
      <ul class="suggestions" aria-labelledby="suggested-topics" data-testid="category-suggestions">
        {suggestions.map((suggestion) => (
          <li key={suggestion.code}>
            <strong>{suggestion.label}</strong> <span class="hint">{topicPlace(suggestion)}</span>{' '}
            <button
              type="button"
              disabled={props.busy}
              aria-label={`Add “${suggestion.label}”`}
              onClick={() => props.onAdd(suggestion)}
            >
              Add
            </button>
            <p class="hint">{suggestionWhy(suggestion)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
