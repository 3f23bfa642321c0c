import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

/**
 * Extensions in the Directus shape (`GET /extensions`, the SDK's `readExtensions`) and v8's lists of
 * interfaces, layouts and modules. A hosted project runs no code of its own, so every list is empty; the
 * routes exist so clients that read them at start-up work.
 */
@ApiTags('Extensions')
@Controller(':project')
export class ExtensionsController {
  @Get(['extensions', 'interfaces', 'layouts', 'modules'])
  list(): { data: never[] } {
    return { data: [] };
  }
}
