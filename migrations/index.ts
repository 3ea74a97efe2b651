import { CreateEventStore1795822314592 } from './1795822314592-CreateEventStore';
import { CreateIdempotencyRecords1795822597478 } from './1795822597478-CreateIdempotencyRecords';
import { CreateReadModels1795822735187 } from './1795822735187-CreateReadModels';
import { InlineEventHash1795900000000 } from './1795900000000-InlineEventHash';
import { RevisionActorName1796000000000 } from './1796000000000-RevisionActorName';
import { HeadlineSearch1796100000000 } from './1796100000000-HeadlineSearch';
import { ArticleFieldChanges1796200000000 } from './1796200000000-ArticleFieldChanges';
import { ArticleTerms1796300000000 } from './1796300000000-ArticleTerms';
import { RedactableEventDigests1796400000000 } from './1796400000000-RedactableEventDigests';
import { PartitionEventLog1796500000000 } from './1796500000000-PartitionEventLog';
import { InlineArticleDocuments1796600000000 } from './1796600000000-InlineArticleDocuments';
import { ArticleBlocks1796700000000 } from './1796700000000-ArticleBlocks';
import { Lz4Compression1796800000000 } from './1796800000000-Lz4Compression';

/** Every migration, oldest first. Listed by hand so that bundling or ESM never loses one to a glob. */
export const migrations = [
  CreateEventStore1795822314592,
  CreateIdempotencyRecords1795822597478,
  CreateReadModels1795822735187,
  InlineEventHash1795900000000,
  RevisionActorName1796000000000,
  HeadlineSearch1796100000000,
  ArticleFieldChanges1796200000000,
  ArticleTerms1796300000000,
  RedactableEventDigests1796400000000,
  PartitionEventLog1796500000000,
  InlineArticleDocuments1796600000000,
  ArticleBlocks1796700000000,
  Lz4Compression1796800000000,
];
