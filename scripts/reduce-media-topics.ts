/**
 * `npm run media-topics:reduce -- <cptall-en-GB.json>`: derives the vocabulary the API ships
 * (apps/newsroom-api/src/media-topics/data/media-topics.en-GB.json) from IPTC's official
 * "cptall" release of the Media Topics in English, so that a new release is taken in by running
 * this again and reviewing the diff (one topic a line).
 *
 * What is kept: every concept without `retired`, as its qcode, its en-GB prefLabel and
 * definition, its parent (the qcode of `broader[0]`, a URI in the release; null for the 17 top
 * topics) and its children (`narrower`, less the retired ones). Everything else of the release
 * (notes, change notes, mappings to other schemes, dates) is left out: the API does not use it.
 * The release's date, copyright holder, licence and the SHA-256 of the file read are written
 * at the top, so that the data says where it came from.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const OUTPUT = 'apps/newsroom-api/src/media-topics/data/media-topics.en-GB.json';
const LANGUAGE = 'en-GB';

interface IkosConcept {
  uri: string;
  qcode: string;
  prefLabel: Record<string, string>;
  definition?: Record<string, string>;
  broader?: string[];
  narrower?: string[];
  retired?: string;
}

interface IkosScheme {
  uri: string;
  dateReleased: string;
  copyrightHolder: string;
  licenceLink: string;
  conceptSet: IkosConcept[];
}

function reduce(source: string): string {
  const bytes = readFileSync(source);
  const scheme = JSON.parse(bytes.toString('utf8')) as IkosScheme;
  const active = scheme.conceptSet.filter((concept) => concept.retired === undefined);
  const activeCodes = new Set(active.map((concept) => concept.qcode));
  const codeOfUri = new Map(scheme.conceptSet.map((concept) => [concept.uri, concept.qcode]));
  const topics = active.map((concept) => {
    const parent = concept.broader?.[0];
    const broader = parent === undefined ? null : codeOfUri.get(parent);
    if (broader === undefined || (broader !== null && !activeCodes.has(broader))) {
      throw new Error(`${concept.qcode}: its broader concept ${parent} is not an active concept of the release`);
    }
    return {
      code: concept.qcode,
      label: concept.prefLabel[LANGUAGE],
      definition: concept.definition?.[LANGUAGE] ?? '',
      broader,
      narrower: (concept.narrower ?? []).filter((code) => activeCodes.has(code)),
    };
  });
  const header = {
    scheme: scheme.uri,
    released: scheme.dateReleased,
    language: LANGUAGE,
    copyrightHolder: scheme.copyrightHolder,
    licence: scheme.licenceLink,
    derivedFrom: {
      file: 'cptall-en-GB.json',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      concepts: scheme.conceptSet.length,
      retiredLeftOut: scheme.conceptSet.length - active.length,
      by: 'scripts/reduce-media-topics.ts',
    },
  };
  // One topic a line: a later release's changes read as a diff of topics.
  const lines = topics.map((topic) => `    ${JSON.stringify(topic)}`);
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, '');
  return `${head},\n  "topics": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

const source = process.argv[2] ?? '../shared/data/iptc/cptall-en-GB.json';
writeFileSync(OUTPUT, reduce(source));
console.log(`wrote ${OUTPUT} from ${source}`);
