import { operationById } from '../../apps/newsroom-api/src/contract/operations';
import { runSampleScenario } from '../support/sample-scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { parsePrometheusText } from './prometheus-text';

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

const keyOf = (name: string, labels: Record<string, string>) =>
  `${name}{${Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}="${value}"`)
    .join(',')}}`;

/** The series of a scrape, as `name{label="value",…}` with labels sorted: timings differ, so no values. */
const seriesOf = (text: string) => new Set(parsePrometheusText(text).map(({ name, labels }) => keyOf(name, labels)));

/** The samples whose values the sample story's scenario decides: command counts, the rebuild gauge. */
const countsOf = (text: string) =>
  new Map(
    parsePrometheusText(text)
      .filter(({ name }) => name === 'newsroom_commands_total' || name === 'newsroom_projection_rebuild_running')
      .map(({ name, labels, value }) => [keyOf(name, labels), value]),
  );

const commentsOf = (text: string) => text.split('\n').filter((line) => line.startsWith('# '));

/** The OpenAPI document's /metrics example, held against a real scrape after the sample story. */
describe('the documented /metrics example, executed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ metricsToken: METRICS_TOKEN });
    await runSampleScenario(t);
  });
  afterAll(() => t.close());

  it('names only series, HELP and TYPE lines that a real scrape has, with its command counts', async () => {
    const example = operationById('metrics').responses[200]?.content?.['text/plain']?.examples?.afterSampleStory?.value;
    expect(typeof example).toBe('string');
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    const scraped = seriesOf(res.text);
    for (const series of seriesOf(example as string))
      expect({ series, scraped: scraped.has(series) }).toEqual({ series, scraped: true });
    const counts = countsOf(res.text);
    const documented = countsOf(example as string);
    expect(documented.size).toBeGreaterThan(0);
    for (const [series, value] of documented) expect({ series, value: counts.get(series) }).toEqual({ series, value });
    const comments = new Set(commentsOf(res.text));
    for (const line of commentsOf(example as string))
      expect({ line, scraped: comments.has(line) }).toEqual({ line, scraped: true });
  });
});
