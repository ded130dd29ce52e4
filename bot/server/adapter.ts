import type { BotFrameworkAuthentication } from "botframework-connector";
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from "botbuilder";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { TEXTS } from "../conversation/texts";

/** The adapter and the authentication it was built with (the local Direct Line needs both). */
export interface AdapterSetup {
  adapter: CloudAdapter;
  auth: BotFrameworkAuthentication;
}

/** Creates the CloudAdapter with Bot Framework authentication from the configuration. */
export function createAdapter(config: Config, logger: Logger): AdapterSetup {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId,
  };
  const auth = new ConfigurationBotFrameworkAuthentication(options);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = turnErrorHandler(logger);
  return { adapter, auth };
}

/** Logs a failed turn and sends the user a short Turkish apology, never the error itself. */
export function turnErrorHandler(logger: Logger): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    logger.error(
      { err: error, conversationId: context.activity.conversation?.id, activityType: context.activity.type },
      "[bot] unhandled error in turn",
    );
    try {
      await context.sendActivity(TEXTS.turnError);
    } catch (sendError) {
      logger.error({ err: sendError }, "[bot] could not send the apology");
    }
  };
}
