import { ActivityHandler } from 'botbuilder';
import { serveFloorBot } from './support/floor-stack';

/**
 * The floor for GuestPass's turn cost: the same stack (see floor-stack.ts) doing nothing but echoing the text
 * back. Whatever a GuestPass turn costs beyond this is GuestPass's own work.
 */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity({ type: 'message', text: `echo: ${String(context.activity.text ?? '')}` });
      await next();
    });
  }
}

serveFloorBot('EchoBot', new EchoBot());
