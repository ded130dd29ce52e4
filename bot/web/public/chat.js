// Browser script of the chat page: gets a Direct Line token from the bot and renders Web Chat.
(async function () {
  "use strict";
  // The signed user token the server gave this browser: presented with the next token request, it
  // keeps the same user after a reload or on the next visit (their cases stay theirs).
  var USER_KEY = "memnun.userToken";
  var host = document.getElementById("webchat");

  // storage may be unavailable (blocked cookies, some private modes): the chat then works without it
  function storedUser() {
    try {
      return window.localStorage.getItem(USER_KEY);
    } catch (error) {
      return null;
    }
  }
  function keepUser(userToken) {
    try {
      if (typeof userToken === "string") window.localStorage.setItem(USER_KEY, userToken);
    } catch (error) {
      // not kept: the next page load is a new user
    }
  }

  // A start refused for now (429: too many starts from this address this minute; 503: the
  // conversation store is away) is tried again after the server's Retry-After, at most this many
  // times: a reload would be refused alike until then. Higher = a longer wait before giving up.
  var MAX_START_RETRIES = 10;
  // the longest wait between two tries, whatever Retry-After says (seconds)
  var MAX_START_WAIT_SECONDS = 60;
  var rendered = false;

  function wait(seconds) {
    return new Promise(function (resolve) {
      setTimeout(resolve, seconds * 1000);
    });
  }

  // a Direct Line token and conversation for this browser's user
  async function newSession() {
    var userToken = storedUser();
    var response;
    for (var attempt = 0; ; attempt++) {
      response = await fetch("/api/directline/token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(userToken ? { userToken: userToken } : {}),
      });
      if ((response.status !== 429 && response.status !== 503) || attempt >= MAX_START_RETRIES) break;
      // before Web Chat is shown the notice takes its place; after, the page's client is renewing quietly
      if (!rendered) host.textContent = host.getAttribute("data-waiting");
      var seconds = Number(response.headers.get("retry-after"));
      await wait(Math.min(MAX_START_WAIT_SECONDS, seconds > 0 ? seconds : 5));
    }
    if (!response.ok) throw new Error("token " + response.status);
    var session = await response.json();
    keepUser(session.userToken);
    return session;
  }

  // Memnun's own Direct Line gets the page's client, which carries on through a server restart
  // (direct-line.js); the real service gets Web Chat's own
  function connect(session, settings) {
    if (session.local) {
      return window.memnunDirectLine.create({
        domain: session.domain,
        token: session.token,
        conversationId: session.conversationId,
        pollingInterval: settings.pollingInterval,
        maxBodyBytes: settings.maxBodyBytes,
        renew: newSession,
      });
    }
    var options = { token: session.token, webSocket: false, pollingInterval: settings.pollingInterval };
    if (session.domain) options.domain = session.domain;
    return window.WebChat.createDirectLine(options);
  }

  try {
    // how often to poll is the server's: its poll limit per address is reasoned from it
    var settings = JSON.parse(document.getElementById("chat-settings").textContent);
    var session = await newSession();
    host.textContent = "";
    rendered = true;
    window.WebChat.renderWebChat(
      {
        directLine: connect(session, settings),
        userID: session.userId,
        locale: "tr-TR",
        // the page's <main> is the main landmark: Web Chat's own root (by default "complementary",
        // an aside nested in main) is a plain region inside it
        role: "region",
        // screen readers announce each bot message with the bot's name ("Memnun botu şöyle
        // diyor:"), not the avatar's initial ("M botu…"): Web Chat's own Turkish sentence, its
        // placeholder filled here with the name the page shows
        overrideLocalizedStrings: function (strings) {
          var named = {};
          named.ACTIVITY_BOT_SAID_ALT = String(strings.ACTIVITY_BOT_SAID_ALT || "").replace("$1", function () {
            return settings.botName;
          });
          // the message box is no "gelen kutusu" (inbox), as Web Chat's own Turkish calls it
          if (settings.inputLabel) named.TEXT_INPUT_ALT = settings.inputLabel;
          return Object.assign({}, strings, named);
        },
        styleOptions: { botAvatarInitials: "M", userAvatarInitials: "S", hideUploadButton: true, suggestedActionLayout: "flow" },
      },
      host,
    );
    host.querySelector("input, textarea") && host.querySelector("input, textarea").focus();
  } catch (error) {
    host.textContent = host.getAttribute("data-failed");
    console.error(error);
  }
})();
