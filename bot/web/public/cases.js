// Browser script of the cases page: lists cases (/api/cases) with filters, shows one, and posts an
// operator's change with the session's CSRF token. Every text from the data goes through
// textContent, never innerHTML.
(function () {
  "use strict";
  var t = JSON.parse(document.getElementById("texts").textContent);
  var session = JSON.parse(document.getElementById("session").textContent);
  var main = document.getElementById("cases");

  var el = window.memnunDom.el;
  var cell = window.memnunDom.cell;
  var format = window.memnunFormat.create(t.timeZone);
  var show = format.show;
  var when = format.when;
  function option(value, label, current) {
    var node = el("option", { value: value }, [label]);
    if (value === current) node.selected = true;
    return node;
  }
  // why the API refused a change, in Turkish: its message when it names one of the API's codes
  // (English never reaches the page), else what the HTTP status says
  function refusal(status, body) {
    if (body && typeof body.message === "string" && Object.prototype.hasOwnProperty.call(t.errors, body.code)) return body.message;
    return status === 429 ? t.tooManyRequests : t.unexpected.replace("{status}", String(status));
  }
  // a text with its {placeholders} filled in
  function fill(text, values) {
    return Object.keys(values).reduce(function (out, key) { return out.split("{" + key + "}").join(values[key]); }, text);
  }
  function channelName(id) { return Object.prototype.hasOwnProperty.call(t.channelNames, id) ? t.channelNames[id] : id; }
  function statusName(status) { return t.statuses[status] || status; }
  // an audit line in Turkish, from its data: who (the customer and the system by role, operators
  // by name) and what; a line this version cannot read shows what was recorded, as stored
  function auditLine(a) {
    var A = t.auditActions;
    switch (a.action) {
      case "created": return [t.actors.customer, fill(A.created, { source: t.sources[a.source] || a.source, channel: channelName(a.channel) })];
      case "contact": return [t.actors.customer, fill(A.contact, { contact: t.contactKinds[a.contact] || a.contact })];
      case "status": return [a.actor, fill(A.status, { from: statusName(a.from), to: statusName(a.to) })];
      case "public-note": return [a.actor, fill(A.publicNote, { note: a.note })];
      case "internal-note": return [a.actor, fill(A.internalNote, { note: a.note })];
      case "overdue": return [t.actors.system, A.overdue];
      default: return [a.actor, (a.recorded || a.action) + (a.detail ? ": " + a.detail : "")];
    }
  }
  // the list shows the start of a customer's words (the whole text is in the cell's title and the detail)
  var LIST_TEXT_CHARS = 200;
  function shorten(text) { return text.length > LIST_TEXT_CHARS ? text.slice(0, LIST_TEXT_CHARS) + "…" : text; }
  function hoursBetween(from, to) { return Math.round((Date.parse(to) - Date.parse(from)) / 36e5); }

  var filters = { status: "", source: "", overdue: false, q: "", offset: 0 };

  // every control is named by a visible label of its own ("Durum", not its first option "Tüm durumlar")
  function filterForm() {
    var status = el("select", { id: "filter-status" }, [option("", t.allStatuses, filters.status)].concat(
      Object.keys(t.statuses).map(function (key) { return option(key, t.statuses[key], filters.status); })));
    var source = el("select", { id: "filter-source" }, [option("", t.allSources, filters.source)].concat(
      Object.keys(t.sources).map(function (key) { return option(key, t.sources[key], filters.source); })));
    var overdue = el("input", { type: "checkbox", id: "filter-overdue" });
    overdue.checked = filters.overdue;
    var q = el("input", { type: "search", id: "filter-q", value: filters.q });
    function labelled(control, label) { return el("span", { class: "field" }, [el("label", { for: control.id }, [label]), control]); }
    var form = el("form", { class: "filters", id: "filters", "aria-label": t.filters }, [
      labelled(status, t.statusFilter), labelled(source, t.sourceFilter), el("label", {}, [overdue, " " + t.overdueOnly]), labelled(q, t.search),
      el("button", { type: "submit" }, [t.apply]),
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      filters = { status: status.value, source: source.value, overdue: overdue.checked, q: q.value, offset: 0 };
      load();
    });
    return form;
  }

  function kpis(report) {
    var k = t.kpis;
    var items = [
      [k.opened, String(report.opened)], [k.resolved, String(report.resolved)], [k.overdue, String(report.overdue)],
      [k.medianFirstResponse, show(report.medianFirstResponseHours)], [k.medianResolution, show(report.medianResolutionHours)],
      [k.lowRatingsToCases, show(report.lowRatingsToCases, "%")], [k.csatOfCaseEntries, show(report.csatOfCaseEntries, "%")],
    ];
    return el("section", { id: "case-kpis" }, [el("div", { class: "kpis" }, items.map(function (item) {
      return el("div", { class: "kpi" }, [el("strong", {}, [String(item[1])]), el("span", {}, [item[0]])]);
    }))]);
  }

  function table(data) {
    if (data.cases.length === 0) return el("p", { id: "no-cases" }, [t.none]);
    return el("table", { id: "case-table" }, [
      el("thead", {}, [el("tr", {}, t.columns.map(function (c) { return el("th", {}, [c]); }))]),
      el("tbody", {}, data.cases.map(function (c) {
        var age = hoursBetween(c.createdAt, data.now) + " / " + data.responseHours + " " + t.hours + (c.overdue ? " — " + t.overdue : "");
        // a button per case, so the keyboard (Tab, Enter) and screen readers reach it; a click anywhere on the row opens it too
        var open = el("button", { type: "button", class: "open-case", "aria-label": fill(t.openCase, { reference: c.reference }) }, [c.reference]);
        var row = el("tr", { "data-reference": c.reference, class: c.overdue ? "overdue" : "" }, [
          el("td", {}, [open]), cell(statusName(c.status), { class: "status" }), cell(when(c.createdAt)),
          cell(age, { class: "age" }), cell(t.sources[c.source] || c.source), cell(channelName(c.channel)), cell(shorten(c.text), { title: c.text }),
        ]);
        row.addEventListener("click", function () { detail(c); });
        return row;
      })),
    ]);
  }

  // which of how many cases the list shows, and in what order: the API sends a page at a time
  function countLine(data) {
    if (data.total === 0) return el("p", { id: "case-count", tabindex: "-1" }, []);
    var shown = data.cases.length === data.total
      ? fill(t.allShown, { total: show(data.total) })
      : fill(t.someShown, { from: show(data.offset + 1), to: show(data.offset + data.cases.length), total: show(data.total) });
    return el("p", { id: "case-count", tabindex: "-1" }, [shown + " " + (data.order === "due" ? t.orderDue : t.orderNewest)]);
  }
  // the buttons to the pages before and after this one
  function pager(data) {
    var buttons = [];
    function page(id, label, offset) {
      var button = el("button", { type: "button", id: id }, [label]);
      button.addEventListener("click", function () {
        filters.offset = offset;
        load("case-count");
      });
      return button;
    }
    if (data.offset > 0) buttons.push(page("page-previous", t.previousPage, Math.max(0, data.offset - data.limit)));
    if (data.offset + data.cases.length < data.total) buttons.push(page("page-next", t.nextPage, data.offset + data.limit));
    return el("nav", { class: "pager", "aria-label": t.pages }, buttons);
  }

  function detail(c) {
    var old = document.getElementById("detail");
    if (old) old.remove();
    var status = el("select", { id: "new-status", "aria-label": t.newStatus }, Object.keys(t.statuses).map(function (key) { return option(key, t.statuses[key], c.status); }));
    var publicNote = el("textarea", { id: "public-note", "aria-label": t.publicNote, maxlength: "2000" });
    var internalNote = el("textarea", { id: "internal-note", "aria-label": t.internalNote, maxlength: "2000" });
    var message = el("p", { id: "save-message", role: "status" });
    var form = el("form", { id: "change-form" }, [
      el("label", {}, [t.newStatus + " "]), status, el("p", {}, [t.publicNote]), publicNote, el("p", {}, [t.internalNote]), internalNote,
      el("p", {}, [el("button", { type: "submit", id: "save" }, [t.save])]), message,
    ]);
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      // the version shown: a change someone else made since is refused (409), not overwritten
      var change = { expectedUpdatedAt: c.updatedAt };
      if (status.value !== c.status) change.status = status.value;
      if (publicNote.value.trim() !== "") change.publicNote = publicNote.value;
      if (internalNote.value.trim() !== "") change.internalNote = internalNote.value;
      var response;
      try {
        response = await fetch("/api/cases/" + encodeURIComponent(c.reference), {
          method: "POST", credentials: "same-origin",
          headers: { "content-type": "application/json", "x-csrf-token": session.csrf },
          body: JSON.stringify(change),
        });
      } catch (error) {
        failed(t.unreachable);
        return;
      }
      var body = await response.json().catch(function () { return null; });
      if (!response.ok || body === null) {
        failed(refusal(response.status, body));
        return;
      }
      await load();
      detail(body);
      var done = document.getElementById("save-message");
      done.textContent = t.saved + (body.notified ? " " + t.notifiedCustomer : "");
    });
    function failed(reason) {
      message.className = "error";
      message.textContent = t.saveFailed + " " + reason;
    }
    var notes = el("ul", { class: "notes", id: "notes" }, c.notes.map(function (n) {
      return el("li", {}, [when(n.at) + " · " + n.author + " (" + (n.kind === "public" ? t.publicLabel : t.internalLabel) + "): " + n.text]);
    }));
    var audit = el("ul", { class: "audit muted", id: "audit" }, c.audit.map(function (a) {
      return el("li", {}, [[when(a.at)].concat(auditLine(a)).join(" · ")]);
    }));
    var concerns = [c.entryId, c.rating === null ? null : c.rating + "/5", c.score === null ? null : "NPS " + c.score].filter(Boolean).join(" · ") || "–";
    var heading = el("h2", { id: "detail-heading", tabindex: "-1" }, [t.detail + " " + c.reference + " — " + statusName(c.status)]);
    main.appendChild(el("section", { id: "detail", "data-reference": c.reference, "aria-labelledby": "detail-heading" }, [
      heading,
      el("p", {}, [el("strong", {}, [t.customerWords + ": "]), c.text]),
      el("p", {}, [el("strong", {}, [t.concerns + ": "]), concerns]),
      el("p", {}, [el("strong", {}, [t.contact + ": "]), c.contact || t.noContact]),
      el("p", {}, [el("strong", {}, [t.due + ": "]), when(c.dueAt) + (c.overdue ? " — " + t.overdue : "")]),
      form, el("h2", {}, [t.notes]), notes, el("h2", {}, [t.audit]), audit,
    ]));
    // the detail is drawn below the whole list: take the eye and the keyboard there, or a click seems to do nothing
    heading.focus();
    heading.scrollIntoView({ block: "start" });
  }

  // loads the list; `focusId` names the element to move the focus to once it is drawn (a keyboard user's place)
  async function load(focusId) {
    var query = new URLSearchParams();
    if (filters.status) query.set("status", filters.status);
    if (filters.source) query.set("source", filters.source);
    if (filters.overdue) query.set("overdue", "1");
    if (filters.q) query.set("q", filters.q);
    if (filters.offset > 0) query.set("offset", String(filters.offset));
    try {
      var responses = await Promise.all([fetch("/api/cases?" + query.toString(), { credentials: "same-origin" }), fetch("/api/case-report", { credentials: "same-origin" })]);
      if (!responses[0].ok || !responses[1].ok) throw new Error("cases " + responses[0].status);
      var data = await responses[0].json();
      var report = await responses[1].json();
      // cases changed meanwhile (resolved by someone else) can leave this page past the last one: show the last one
      if (data.cases.length === 0 && data.offset > 0 && data.total > 0) {
        filters.offset = Math.floor((data.total - 1) / data.limit) * data.limit;
        return load(focusId);
      }
      main.replaceChildren(kpis(report), el("section", {}, [filterForm(), countLine(data), table(data), pager(data)]));
      main.setAttribute("data-loaded", "true");
      if (focusId) document.getElementById(focusId).focus();
    } catch (error) {
      main.replaceChildren(el("p", { id: "status" }, [t.failed]));
    }
  }

  load();
})();
