import type { Locator, Page } from 'playwright-core';
import { waitFor } from './wait';

/** How long the bot may take to answer a message or a card action, the Playground's round trip included. */
export const REPLY_TIMEOUT_MS = 20_000;

/** What `chat.send` returns: the index the bot's first answer will have among the bot's messages. */
export interface SentMessage {
  text: string;
  nextBotMessage: number;
}

/**
 * The Agents Playground's chat, as a person uses it: type into the compose box, read the bot's messages, act on
 * its cards. Selectors are the Playground's (0.2.x): the compose box is a contenteditable textbox, each bot
 * message an `.fai-OutputCard`, an Adaptive Card an `.ac-adaptiveCard` inside it.
 */
export class PlaygroundChat {
  constructor(readonly page: Page) {}

  get composeBox(): Locator {
    return this.page.locator('[role=textbox][contenteditable=true]');
  }

  get botMessages(): Locator {
    return this.page.locator('.fai-OutputCard');
  }

  botMessage(index: number): Locator {
    return this.botMessages.nth(index);
  }

  /** Types `text` into the compose box and sends it with Enter. */
  async send(text: string): Promise<SentMessage> {
    const nextBotMessage = await this.botMessages.count();
    await this.composeBox.click({ timeout: 10_000 });
    await this.composeBox.fill(text, { timeout: 10_000 });
    await this.page.keyboard.press('Enter');
    // The compose box empties once the Playground has taken the message.
    await waitFor(async () => ((await this.composeBox.innerText()).trim() === '' ? true : undefined), {
      timeoutMs: 10_000,
      what: `the Playground to take the message "${text}"`,
    });
    return { text, nextBotMessage };
  }

  /**
   * The first bot message at or after `fromIndex` whose text contains every string in `containing` (case and
   * white space as the person sees them); fails with the messages that did arrive.
   */
  async waitForBotMessage(
    fromIndex: number,
    containing: string[],
    options: { timeoutMs?: number; what?: string } = {},
  ): Promise<{ index: number; message: Locator }> {
    const index = await waitFor(
      async () => {
        const texts = await this.botMessageTexts();
        for (let i = fromIndex; i < texts.length; i++) {
          if (containing.every((part) => normalise(texts[i]!).includes(normalise(part)))) return i;
        }
        return undefined;
      },
      {
        timeoutMs: options.timeoutMs ?? REPLY_TIMEOUT_MS,
        what: options.what ?? `a bot message containing ${containing.map((part) => `"${part}"`).join(' and ')}`,
        state: () => this.describe(fromIndex),
      },
    );
    return { index, message: this.botMessage(index) };
  }

  /** Waits until the bot message at `index` (a card replaced in place) contains every string in `containing`. */
  async waitForMessageToShow(index: number, containing: string[], what: string, timeoutMs = REPLY_TIMEOUT_MS): Promise<Locator> {
    await waitFor(
      async () => {
        const text = normalise(await this.botMessage(index).innerText({ timeout: 2_000 }));
        return containing.every((part) => text.includes(normalise(part))) ? true : undefined;
      },
      { timeoutMs, what, state: () => this.describe(index) },
    );
    return this.botMessage(index);
  }

  async botMessageTexts(): Promise<string[]> {
    // Runs in the page; the project compiles without DOM types.
    return this.botMessages.evaluateAll((elements) => elements.map((element) => (element as unknown as { innerText: string }).innerText));
  }

  /** The bot messages from `fromIndex` on, shortened, for failure messages. */
  async describe(fromIndex = 0): Promise<string> {
    const texts = await this.botMessageTexts().catch(() => [] as string[]);
    const shown = texts
      .map((text, index) => ({ text, index }))
      .filter(({ index }) => index >= Math.max(0, fromIndex - 1))
      .map(({ text, index }) => `  #${index}: ${normalise(text).slice(0, 300)}`);
    return `Bot messages in the Playground (${texts.length} in all, from #${Math.max(0, fromIndex - 1)}):\n${shown.join('\n') || '  (none)'}`;
  }
}

export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
