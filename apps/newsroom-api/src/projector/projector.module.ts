import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@newsroom/database';
import { CorrectionsFollower } from '../articles/projections/corrections-follower';
import { ArticleReader } from '../articles/queries/article-reader';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventStoreModule } from '../event-store/event-store.module';

/**
 * The projectors without the HTTP API: the followers and what they read with, on the same
 * database settings as the API. The API's module would bring its guards, controllers and the
 * secret they need; a projector needs none of them.
 */
@Module({})
export class ProjectorModule {
  static forDatabase(databaseUrl: string): DynamicModule {
    // The followers read only this of the API's configuration: here they always run.
    const followersOn: Pick<AppConfig, 'runFollowers'> = { runFollowers: true };
    return {
      module: ProjectorModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), retryAttempts: 3, retryDelay: 1000 }),
        EventStoreModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: followersOn }, ArticleReader, CorrectionsFollower],
    };
  }
}
