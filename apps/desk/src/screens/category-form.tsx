import type { components } from '@newsroom/api-client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { categoryBody, lookupTerm, topicPlace } from '../category-lookup';
import type { Session } from '../session';
import { call } from '../ui';

type Topic = components['schemas']['MediaTopic'];
export type CategoryBody = ReturnType<typeof categoryBody>;

/** Topics listed under the field: enough to pick from without scrolling. */
const LISTED = 8;
/** Wait this long after the last keystroke before looking up, so that typing a word is one request. */
const TYPING_PAUSE_MS = 200;

/**
 * "Add a category": as the editor types, IPTC Media Topics whose labels (or definitions) match are
 * listed under the field (GET /categories?search=); picking one fills the field and sends its code.
 * A label that is no topic's is saved as it is, a house tag.
 */
export function CategoryForm(props: {
  session: Session;
  busy: boolean;
  /** The body to send, and the category's label as the editor sees it. */
  onSubmit: (body: CategoryBody, label: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [picked, setPicked] = useState<Topic>();
  const [topics, setTopics] = useState<Topic[]>([]);
  const field = useRef<HTMLInputElement>(null);
  const asked = useRef(0);
  useEffect(() => field.current?.focus(), []);

  const term = lookupTerm(typed);
  const pickedShown = picked !== undefined && typed.trim().toLowerCase() === picked.label.toLowerCase();
  useEffect(() => {
    const ask = ++asked.current;
    if (!term || pickedShown) {
      setTopics([]);
      return;
    }
    const timer = setTimeout(async () => {
      const found = await call(props.session.client.GET('/categories', { params: { query: { search: term, limit: LISTED } } }));
      // Only the answer to the latest text counts: an earlier, slower one must not replace it.
      if (ask === asked.current) setTopics(found.ok ? found.data.items : []);
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [term, pickedShown]);

  const pick = (topic: Topic) => {
    setTyped(topic.label);
    setPicked(topic);
    field.current?.focus();
  };

  return (
    <form
      class="panel"
      aria-label="Add a category"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit(categoryBody(typed, picked, reason), typed.trim());
      }}
    >
      <h2>Add a category</h2>
      <label for="add-a-category-value">Category</label>
      <input
        id="add-a-category-value"
        ref={field}
        value={typed}
        required
        autoComplete="off"
        aria-describedby="add-a-category-hint"
        onInput={(e) => setTyped(e.currentTarget.value)}
      />
      <p class="hint" id="add-a-category-hint" aria-live="polite">
        {pickedShown
          ? `IPTC Media Topic ${picked.code}, ${topicPlace(picked)}.`
          : topics.length > 0
            ? `${topics.length} IPTC Media Topics match: pick one, or save what you typed as a house tag.`
            : 'Type to look up IPTC Media Topics, or any label for a house tag.'}
      </p>
      {!pickedShown && topics.length > 0 && (
        <ul class="topic-options" aria-label="Matching IPTC Media Topics">
          {topics.map((topic) => (
            <li key={topic.code}>
              <button type="button" class="link" onClick={() => pick(topic)}>
                {topic.label}
              </button>{' '}
              <span class="hint">{topicPlace(topic)}</span>
            </li>
          ))}
        </ul>
      )}
      <label for="add-a-category-reason">Reason (optional)</label>
      <input id="add-a-category-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={props.busy}>
          {props.busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
