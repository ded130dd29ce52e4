// Browser script of the chat page: gets a Direct Line token from the bot and renders Web Chat.
(async function () {
  "use strict";
  var host = document.getElementById("webchat");
  try {
    // how often to poll is the server's: its poll limit per address is reasoned from it
    var settings = JSON.parse(document.getElementById("chat-settings").textContent);
    var response = await fetch("/api/directline/token", { method: "POST" });
    if (!response.ok) throw new Error("token " + response.status);
    var session = await response.json();
    var options = { token: session.token, webSocket: false, pollingInterval: settings.pollingInterval };
    // the local Direct Line names its own address; the real service uses Web Chat's default
    if (session.domain) options.domain = session.domain;
    host.textContent = "";
    window.WebChat.renderWebChat(
      {
        directLine: window.WebChat.createDirectLine(options),
        userID: session.userId,
        locale: "tr-TR",
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
