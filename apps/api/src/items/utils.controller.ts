import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RevisionReverter, type ItemsContext } from '@atrium/items';
import { CurrentItemsContext } from './items-context.decorator';

/** `/:project/utils/*` routes that act on items. */
@ApiTags('Utilities')
@ApiBearerAuth()
@Controller(':project/utils')
export class UtilsController {
  constructor(private readonly reverter: RevisionReverter) {}

  /** Restores the item a revision belongs to as that revision saw it; 204. */
  @Post('revert/:revision')
  @HttpCode(204)
  revert(@CurrentItemsContext() context: ItemsContext, @Param('revision') revision: string): Promise<void> {
    return this.reverter.revert(context, revision);
  }
}
