import { AdaptiveCardInvokeResponse } from 'botbuilder';
import { BotServices } from '../bot-services';
import { ParsedCommand } from '../command-parser';
import { Turn } from '../turn';

export type CommandName = ParsedCommand['name'];

/** Handles one chat command; replies through `turn.context`. */
export interface CommandHandler<N extends CommandName = CommandName> {
  readonly command: N;
  handle(turn: Turn, command: Extract<ParsedCommand, { name: N }>, services: BotServices): Promise<void>;
}

/** Handles one Action.Execute verb; its answer replaces the card the button was on. */
export interface CardActionHandler {
  readonly verb: string;
  handle(turn: Turn, data: Record<string, unknown>, services: BotServices): Promise<AdaptiveCardInvokeResponse>;
}
