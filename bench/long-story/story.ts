import { SAMPLE_STORY } from '../api/sample-articles';
import { CORRESPONDENT, CORRESPONDENT_BACK, OFFICIAL } from '../support/sample-edits';
import type { Answer, EditorCalls } from './editor-calls';

/** Find-and-replace edits of two blocks, each undone two steps later: the cycle can run forever. */
const CORRECTIONS = [OFFICIAL, CORRESPONDENT, { from: OFFICIAL.to, to: OFFICIAL.from }, CORRESPONDENT_BACK];

/** How often growing reports progress. */
const PROGRESS_EVERY = 5_000;

/**
 * The one story the benchmark grows, through the API as an editor would: the sample story, then
 * find-and-replace edits. Before each size it plants category additions that no later edit
 * touches, for the reverts of "an early change" to undo one each.
 */
export class LongStory {
  private corrections = 0;
  private readonly planted: number[] = [];

  private constructor(
    private readonly api: EditorCalls,
    readonly id: string,
    public revision: number,
  ) {}

  static async create(api: EditorCalls): Promise<LongStory> {
    const created = (await api.post('/articles', SAMPLE_STORY, 201)).json() as { id: string; revision: number };
    return new LongStory(api, created.id, created.revision);
  }

  /** The next edit of the cycle: one text correction. */
  correct(): Promise<Answer> {
    const { from, to } = CORRECTIONS[this.corrections++ % CORRECTIONS.length];
    return this.command('text-corrections', { find: from, replace: to, reason: 'Benchmark: a long story' });
  }

  async plant(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await this.command('categories', { label: `Planted ${this.revision + 1}`, reason: 'Benchmark: to revert later' });
      this.planted.push(this.revision);
    }
  }

  async growTo(size: number, log: (line: string) => void): Promise<void> {
    while (this.revision < size) {
      await this.correct();
      if (this.revision % PROGRESS_EVERY === 0) log(`grown to ${this.revision} revisions`);
    }
  }

  /** Reverts the oldest planted change not reverted yet: nothing after it touched its category. */
  revertPlanted(): Promise<Answer> {
    const revision = this.planted.shift();
    if (revision === undefined) throw new Error('no planted change left to revert');
    return this.command('reverts', { revision, reason: 'Benchmark: undo an early change' });
  }

  restore(revision: number): Promise<Answer> {
    return this.command('restorations', { revision, reason: 'Benchmark: restore' });
  }

  private async command(path: string, body: Record<string, unknown>): Promise<Answer> {
    const answer = await this.api.post(`/articles/${this.id}/${path}`, body);
    this.revision = (answer.json() as { revision: number }).revision;
    return answer;
  }
}
