import type { Block } from '@newsroom/articles';
import { bodyHtml, bodyText, escapeHtml } from './article-body';

const blocks: Block[] = [
  { id: 'b1', type: 'paragraph', text: 'The summit ended after nearly four hours.' },
  { id: 'b2', type: 'subheading', text: 'Summit progress: Cybersecurity and diplomacy' },
  { id: 'b3', type: 'paragraph', text: 'He took a question from CNN’s Matthew Chance.' },
];

describe('the body of an export', () => {
  it('is the blocks as text, a blank line apart, as the story was imported', () => {
    expect(bodyText(blocks)).toBe(
      'The summit ended after nearly four hours.\n\nSummit progress: Cybersecurity and diplomacy\n\nHe took a question from CNN’s Matthew Chance.',
    );
  });

  it('is HTML with each paragraph a <p> and each subheading an <h2>, in order', () => {
    expect(bodyHtml(blocks)).toBe(
      '<p>The summit ended after nearly four hours.</p>\n<h2>Summit progress: Cybersecurity and diplomacy</h2>\n<p>He took a question from CNN’s Matthew Chance.</p>',
    );
  });

  it('escapes what HTML gives meaning to, so that no text becomes markup', () => {
    const hostile: Block[] = [
      { id: 'b1', type: 'subheading', text: '<script>alert("x")</script>' },
      { id: 'b2', type: 'paragraph', text: `AT&T's "deal" & <b>more</b> &amp;` },
    ];
    expect(bodyHtml(hostile)).toBe(
      '<h2>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h2>\n<p>AT&amp;T&#39;s &quot;deal&quot; &amp; &lt;b&gt;more&lt;/b&gt; &amp;amp;</p>',
    );
    expect(escapeHtml('Genève – “quoted” ’s')).toBe('Genève – “quoted” ’s');
  });

  it('is empty for an article without blocks', () => {
    expect(bodyText([])).toBe('');
    expect(bodyHtml([])).toBe('');
  });
});
