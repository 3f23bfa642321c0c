import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RevisionReverter } from '@atrium/items';
import type { RequestContext } from '@atrium/permissions';
import { CurrentContext } from '../request/current-context.decorator';

/** `/:project/utils/*` routes that act on items. */
@ApiTags('Utilities')
@ApiBearerAuth()
@Controller(':project/utils')
export class UtilsController {
  constructor(private readonly reverter: RevisionReverter) {}

  /** Restores the item a revision belongs to as that revision saw it; 204. */
  @Post('revert/:revision')
  @HttpCode(204)
  revert(@CurrentContext() context: RequestContext, @Param('revision') revision: string): Promise<void> {
    return this.reverter.revert(context, revision);
  }
}
