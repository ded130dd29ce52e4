import { ActivityHandler, type TurnContext } from "botbuilder";
import type { Logger } from "../logger";
import { TEXTS } from "./texts";

/** Words that ask for help, after Turkish lower-casing and trimming of punctuation. */
const HELP_COMMANDS: ReadonlySet<string> = new Set(["yardım", "yardim", "help", "?yardım", "menü", "menu"]);

export interface MemnunBotDeps {
  logger: Logger;
  /** A few example questions the bot can answer, for welcome and help texts. */
  sampleTopics: () => readonly string[];
}

/** The Turkish FAQ bot: welcomes users, answers help, and (later) questions. */
export class MemnunBot extends ActivityHandler {
  constructor(private readonly deps: MemnunBotDeps) {
    super();

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const joined = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (joined.length > 0) {
        await context.sendActivity({ type: "message", text: TEXTS.welcome(this.deps.sampleTopics()), textFormat: "markdown" });
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = (context.activity.text ?? "").trim();
    if (text === "") {
      await context.sendActivity(TEXTS.emptyMessage);
      return;
    }
    const command = text.toLocaleLowerCase("tr").replace(/[.!?\s]+$/u, "");
    if (HELP_COMMANDS.has(command)) {
      await context.sendActivity({ type: "message", text: TEXTS.help(this.deps.sampleTopics()), textFormat: "markdown" });
      return;
    }
    await context.sendActivity(TEXTS.help(this.deps.sampleTopics()));
  }
}
