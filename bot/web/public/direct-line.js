// The chat page's connection to Memnun's own local Direct Line: what Web Chat needs of a Direct
// Line client (activity$, connectionStatus$, postActivity, end), speaking Direct Line 3.0 by
// polling. Web Chat's bundled client stops polling for good after one failed poll, so a server
// restart (or a network blip) left an open page that never showed a reply again. This one keeps
// polling through failures with its watermark, which makes the server keep the conversation
// again, numbered after what the page has seen; it holds the customer's messages until the
// server answers again, and it starts a new conversation only when its token no longer opens
// this one (the token expired while the computer slept, or the installation secret changed).
(function (root) {
  "use strict";
  // Web Chat's connection statuses (botframework-directlinejs ConnectionStatus). After the first
  // connection the status stays online while the server is away: Web Chat stops listening and
  // cancels the messages being sent when a connection goes back to "connecting".
  var UNINITIALIZED = 0;
  var CONNECTING = 1;
  var ONLINE = 2;
  var ENDED = 5;
  /** Longest wait between two tries while the server does not answer. Lower = a page is back sooner after a restart, more requests while it is down. */
  var MAX_RETRY_MS = 5000;
  /** A request not answered within this long has failed (botframework-directlinejs's own timeout). */
  var REQUEST_TIMEOUT_MS = 20000;
  /** A token refresh that failed is tried again this much later (a token lasts 30 minutes and is refreshed at half of that). */
  var REFRESH_RETRY_MS = 30000;
  /** Tries of one message when the server did not take it (it must first keep the conversation again, or asks to come back later) or did not answer. */
  var POST_TRIES = 3;
  /** Longest clientActivityID the server remembers to recognise a message posted again (MAX_POST_KEY_CHARS in bot/web/conversation-logs.ts). */
  var MAX_NAME_CHARS = 128;
  /** Part of the proportional cut of a message too large to post kept at each step (`fitted`). Lower = fewer steps, more cut away. */
  var CUT_KEEP = 0.95;

  // options: the session the token endpoint gave (domain, token, conversationId), Web Chat's
  // pollingInterval, renew(): a promise of a new session (token, conversationId) for a new
  // conversation, from POST /api/directline/token, maxBodyBytes (the server's body limit, from
  // the page's settings) and requestTimeoutMs (REQUEST_TIMEOUT_MS when left out; tests whose
  // server may answer slowly on a loaded machine give more)
  function create(options) {
    var domain = options.domain;
    var token = options.token;
    var conversationId = options.conversationId;
    var pollingInterval = options.pollingInterval;
    var maxBodyBytes = options.maxBodyBytes;
    var encoder = new TextEncoder();
    var requestTimeoutMs = options.requestTimeoutMs > 0 ? options.requestTimeoutMs : REQUEST_TIMEOUT_MS;
    var watermark = "";
    var status = UNINITIALIZED;
    // whether the server answered the last poll: messages wait for it
    var reachable = false;
    var failures = 0;
    var refreshAt = 0;
    var started = false;
    var ended = false;
    var statusObservers = [];
    var activityObservers = [];
    // messages waiting for the server; callers waiting for a poll that starts after they ask
    var reachableWaiters = [];
    var pollWaiters = [];
    var pollRequested = false;
    var wake = null;
    // messages go one after another, in the order typed, also when several waited for the server
    var sending = Promise.resolve();

    // Web Chat subscribes with an observer object; a bare function is taken as its `next`
    function toObserver(observer) {
      return typeof observer === "function" ? { next: observer } : observer || {};
    }
    function observe(list, target) {
      var closed = false;
      list.push(target);
      return {
        unsubscribe: function () {
          closed = true;
          var index = list.indexOf(target);
          if (index >= 0) list.splice(index, 1);
        },
        get closed() {
          return closed;
        },
      };
    }
    function notify(list, value) {
      list.slice().forEach(function (observer) {
        if (typeof observer.next === "function") observer.next(value);
      });
    }
    function setStatus(next) {
      if (status === next) return;
      status = next;
      notify(statusObservers, next);
    }
    function settle(waiters, error) {
      waiters.forEach(function (waiter) {
        if (error) waiter.reject(error);
        else waiter.resolve();
      });
    }
    function setReachable(value) {
      reachable = value;
      if (!value) return;
      var waiting = reachableWaiters;
      reachableWaiters = [];
      settle(waiting);
    }

    function delay(ms) {
      return new Promise(function (resolve) {
        setTimeout(resolve, ms);
      });
    }
    // the wait between polls, ended early by a message that was just answered or is waiting
    function pause(ms) {
      if (pollRequested || ended) {
        pollRequested = false;
        return Promise.resolve();
      }
      return new Promise(function (resolve) {
        var timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    }
    function pollSoon() {
      if (wake) wake();
      else pollRequested = true;
    }
    function nextPoll() {
      if (ended) return Promise.reject(new Error("[directline] ended"));
      return new Promise(function (resolve, reject) {
        pollWaiters.push({ resolve: resolve, reject: reject });
        pollSoon();
      });
    }
    function whenReachable() {
      if (ended) return Promise.reject(new Error("[directline] ended"));
      if (reachable) return Promise.resolve();
      return new Promise(function (resolve, reject) {
        reachableWaiters.push({ resolve: resolve, reject: reject });
        pollSoon();
      });
    }
    function retryAfter(response) {
      var seconds = response ? Number(response.headers.get("retry-after")) : 0;
      return seconds > 0 ? seconds * 1000 : 0;
    }
    function backoff() {
      return Math.min(MAX_RETRY_MS, pollingInterval * Math.pow(2, Math.max(0, failures - 1)));
    }
    function refreshIn(expiresIn) {
      refreshAt = Date.now() + (expiresIn > 0 ? (expiresIn * 1000) / 2 : REFRESH_RETRY_MS);
    }

    function request(method, path, body) {
      var controller = new AbortController();
      var timer = setTimeout(function () {
        controller.abort();
      }, requestTimeoutMs);
      var headers = { authorization: "Bearer " + token, accept: "application/json" };
      var init = { method: method, headers: headers, signal: controller.signal };
      if (body !== undefined) {
        headers["content-type"] = "application/json";
        init.body = JSON.stringify(body);
      }
      return fetch(domain + path, init).finally(function () {
        clearTimeout(timer);
      });
    }
    function activitiesPath() {
      return "/conversations/" + encodeURIComponent(conversationId) + "/activities";
    }

    // starts the conversation of the current token (its welcome), trying until the server answers
    async function startConversation() {
      while (!ended) {
        var response = null;
        try {
          response = await request("POST", "/conversations");
          if (response.ok) {
            var body = await response.json();
            if (body.token) token = body.token;
            if (body.conversationId) conversationId = body.conversationId;
            refreshIn(body.expires_in);
            failures = 0;
            setStatus(ONLINE);
            setReachable(true);
            return;
          }
          if (response.status === 401 || response.status === 403) {
            await newConversation();
            return;
          }
        } catch (error) {
          // not reached: tried again
        }
        failures += 1;
        await delay(retryAfter(response) || backoff());
      }
    }

    // this token no longer opens the conversation: a new token, a new conversation (the
    // transcript stays on the page, the welcome comes again)
    async function newConversation() {
      setReachable(false);
      while (!ended) {
        try {
          var session = await options.renew();
          token = session.token;
          conversationId = session.conversationId;
          watermark = "";
          break;
        } catch (error) {
          failures += 1;
          await delay(backoff());
        }
      }
      await startConversation();
    }

    async function refreshIfDue() {
      if (Date.now() < refreshAt) return;
      try {
        var response = await request("POST", "/tokens/refresh");
        if (response.ok) {
          var body = await response.json();
          if (body.token) token = body.token;
          refreshIn(body.expires_in);
          return;
        }
      } catch (error) {
        // tried again later; an expired token shows in the polls
      }
      refreshAt = Date.now() + REFRESH_RETRY_MS;
    }

    // one poll; returns how long to wait before the next
    async function pollOnce() {
      var waiting = pollWaiters;
      pollWaiters = [];
      var begun = Date.now();
      var response = null;
      try {
        response = await request("GET", activitiesPath() + "?watermark=" + encodeURIComponent(watermark));
        if (response.ok) {
          var set = await response.json();
          if (typeof set.watermark === "string" && set.watermark !== "") watermark = set.watermark;
          failures = 0;
          setReachable(true);
          (set.activities || []).forEach(function (activity) {
            notify(activityObservers, activity);
          });
          settle(waiting);
          return Math.max(0, pollingInterval - (Date.now() - begun));
        }
        if (response.status === 401 || response.status === 403 || response.status === 404) {
          pollWaiters = waiting.concat(pollWaiters);
          await newConversation();
          return 0;
        }
      } catch (error) {
        // the server is away (a restart, the network): polled again with the same watermark
      }
      pollWaiters = waiting.concat(pollWaiters);
      if (response && response.status === 429) return retryAfter(response) || pollingInterval;
      failures += 1;
      setReachable(false);
      return retryAfter(response) || backoff();
    }

    async function run() {
      setStatus(CONNECTING);
      await startConversation();
      while (!ended) {
        await refreshIfDue();
        await pause(await pollOnce());
      }
    }

    function bodyBytes(activity) {
      return encoder.encode(JSON.stringify(activity)).length;
    }
    // a message larger than the server takes (a pasted document) is cut to fit: the server would
    // refuse it whole (413), which Web Chat shows as "Gönderme başarısız" however often it is
    // tried; cut, the bot reads it and asks for it shorter, as it does any message over its limit
    function fitted(activity) {
      if (!(maxBodyBytes > 0) || !activity || typeof activity.text !== "string") return activity;
      var text = activity.text;
      var size = bodyBytes(activity);
      while (size > maxBodyBytes && text !== "") {
        var keep = Math.floor(text.length * (maxBodyBytes / size) * CUT_KEEP);
        // never half of a surrogate pair
        if (keep > 0 && /[\uD800-\uDBFF]/.test(text.charAt(keep - 1))) keep -= 1;
        text = text.slice(0, Math.max(0, keep));
        size = bodyBytes(Object.assign({}, activity, { text: text }));
      }
      return text === activity.text ? activity : Object.assign({}, activity, { text: text });
    }

    // whether the server recognises the message when it is posted again (Web Chat names each one)
    function named(activity) {
      var name = activity && activity.channelData ? activity.channelData.clientActivityID : undefined;
      return typeof name === "string" && name !== "" && name.length <= MAX_NAME_CHARS;
    }

    // one message: sent once the server answers, and again when the server did not take it or did not answer
    async function send(activity, cancelled) {
      for (var tries = 1; ; tries += 1) {
        await whenReachable();
        if (cancelled()) throw new Error("[directline] sending cancelled");
        var response;
        try {
          response = await request("POST", activitiesPath(), activity);
        } catch (error) {
          // no answer (the server stopped mid-turn, the network, the timeout): it may have taken the
          // message. Sent again once a poll is answered only when named: the server answers a named
          // message once, however often it is posted; another is shown as not sent (Web Chat)
          if (!named(activity) || tries >= POST_TRIES) throw error;
          await nextPoll();
          continue;
        }
        if (response.ok) {
          var body = await response.json();
          // its replies are ready: shown without waiting for the next poll
          pollSoon();
          return body.id;
        }
        if (tries >= POST_TRIES) throw new Error("[directline] the message was refused: " + response.status);
        if (response.status === 404 || response.status === 401 || response.status === 403) {
          // not kept here (the server restarted between two polls) or no longer this token's: a
          // poll keeps the conversation again, or starts a new one
          await nextPoll();
        } else if (response.status === 429 || response.status === 503) {
          await delay(retryAfter(response) || backoff());
        } else {
          throw new Error("[directline] the message was refused: " + response.status);
        }
      }
    }

    return {
      connectionStatus$: {
        // as a BehaviorSubject: the current status first
        subscribe: function (observer) {
          var target = toObserver(observer);
          var subscription = observe(statusObservers, target);
          if (typeof target.next === "function") target.next(status);
          return subscription;
        },
      },
      activity$: {
        // the first subscriber starts the conversation, as in botframework-directlinejs
        subscribe: function (observer) {
          var subscription = observe(activityObservers, toObserver(observer));
          if (!started) {
            started = true;
            run().catch(function (error) {
              console.error(error);
            });
          }
          return subscription;
        },
      },
      postActivity: function (activity) {
        return {
          subscribe: function (observer) {
            var target = toObserver(observer);
            // Web Chat unsubscribes when it gives up on the message: a message still waiting is then never sent
            var cancelled = false;
            var sent = sending.then(function () {
              return send(fitted(activity), function () {
                return cancelled || ended;
              });
            });
            sending = sent.catch(function () {
              // the next message goes all the same
            });
            sent.then(
              function (id) {
                if (cancelled) return;
                if (typeof target.next === "function") target.next(id);
                if (typeof target.complete === "function") target.complete();
              },
              function (error) {
                if (!cancelled && typeof target.error === "function") target.error(error);
              },
            );
            return {
              unsubscribe: function () {
                cancelled = true;
              },
            };
          },
        };
      },
      end: function () {
        if (ended) return;
        ended = true;
        var error = new Error("[directline] ended");
        settle(reachableWaiters.concat(pollWaiters), error);
        reachableWaiters = [];
        pollWaiters = [];
        if (wake) wake();
        setStatus(ENDED);
      },
    };
  }

  root.memnunDirectLine = Object.freeze({ create: create });
})(window);
