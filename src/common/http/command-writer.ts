import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, ICommand } from '@nestjs/cqrs';
import { Clock, CLOCK } from '../clock';
import { metadataFromRequest } from '../request-metadata';
import { withEtag } from './etag';
import { parseIfMatch } from './if-match';
import { WriteOptions } from './write-options';
import { WriteRequest } from './route-request.decorator';

/** How a write route turns its request into a command's options and the command's view into its answer. */
@Injectable()
export class CommandWriter {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Who writes, the events' metadata, the expected revision and the idempotency seed (a bad If-Match is a 400 here). */
  options(write: WriteRequest): WriteOptions {
    return {
      actor: write.actor,
      metadata: metadataFromRequest(write.request, write.actor, this.clock.now()),
      ifMatch: parseIfMatch(write.ifMatch),
      idSeed: write.request.idempotencySeed,
    };
  }

  /** The same for a write that creates its stream: there is no revision to match, so If-Match is not read. */
  newStreamOptions(write: WriteRequest): WriteOptions {
    return this.options({ ...write, ifMatch: undefined });
  }

  /** Runs the command and answers the view it returns, with that view's revision in `ETag`. */
  async send<V>(write: WriteRequest, command: ICommand): Promise<V> {
    return withEtag(write.response, (await this.commands.execute(command)) as V);
  }
}
