import type { MediaType } from './operation';

/**
 * The corrections feed as Atom 1.0 (RFC 4287). The example is the feed after the sample story's
 * scenario (test/support/sample-scenario.ts): one public notice, at revision 8. The feed test
 * compares the real feed of that scenario with it, ids, times and host aside.
 */
const EXAMPLE = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
    <id>https://newsroom.example.com/corrections.atom</id>
    <title>Corrections</title>
    <updated>2026-12-06T10:41:17.208Z</updated>
    <generator>https://github.com/jpmonette/feed</generator>
    <author>
        <name>Newsroom</name>
    </author>
    <link rel="self" href="https://newsroom.example.com/corrections.atom"/>
    <subtitle>Public correction notices across the newsroom’s articles, newest first.</subtitle>
    <entry>
        <title type="html"><![CDATA[Biden and Putin end Geneva summit]]></title>
        <id>urn:uuid:52986f9d-d79d-5a0c-94aa-7ceb5c2f75f9</id>
        <link href="https://newsroom.example.com/articles/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed"/>
        <updated>2026-12-06T10:41:17.208Z</updated>
        <summary type="html"><![CDATA[An earlier version of this article said the meeting lasted more than four hours.]]></summary>
        <category label="Correction" term="correction"/>
        <published>2026-12-06T10:41:17.208Z</published>
    </entry>
</feed>`;

export const ATOM_FEED: MediaType = {
  schema: {
    type: 'string',
    description:
      'An Atom 1.0 feed document (RFC 4287). Each entry is one public notice: `id` a name-based UUID (RFC 9562 v5) of the article id and the revision that published it, stable across hosts and requests; `title` the headline at that revision (the kind of notice when there was none), `summary` the notice, `category` its kind, `updated` and `published` the time it was recorded, a link to the article. The feed’s `updated` is its newest notice’s time. Links are absolute, on the origin the feed was asked at.',
  },
  examples: { sampleStory: { summary: 'After the sample story’s scenario: its one public notice', value: EXAMPLE } },
};
