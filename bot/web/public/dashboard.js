// Browser script of the dashboard: fetches /api/report and draws it with Chart.js.
// Every text from the data goes through textContent, never innerHTML.
(async function () {
  "use strict";
  var t = JSON.parse(document.getElementById("texts").textContent);
  // drawn once, complete: no animation (screenshots and slow machines show the final values)
  window.Chart.defaults.animation = false;
  var main = document.getElementById("dashboard");
  var status = document.getElementById("status");

  var el = window.memnunDom.el;
  var cell = window.memnunDom.cell;
  var range = JSON.parse(document.getElementById("range-data").textContent);
  // the range as query parameters, for the report and its CSV downloads
  function query(extra) {
    var params = new URLSearchParams(extra || {});
    if (range.since) params.set("since", range.since);
    if (range.until) params.set("until", range.until);
    var text = params.toString();
    return text ? "?" + text : "";
  }
  // a section; with `csv` its heading links the table's CSV download
  function section(title, body, wide, id, csv) {
    var heading = el("h2", {}, [title]);
    if (csv) heading.appendChild(csvLink("csv-" + csv, "/api/report.csv" + query({ table: csv })));
    return el("section", Object.assign({ class: wide ? "wide" : "" }, id ? { id: id } : {}), [heading].concat(body));
  }
  // a table's CSV download link
  function csvLink(id, href) {
    return el("a", { class: "csv", id: id, href: href, download: "" }, [t.downloadCsv]);
  }
  // a heading with the link to one table of the editors' recommendations as CSV
  function recommendationHeading(title, csv) {
    return el("h2", {}, [title, csvLink("csv-recommended-" + csv, "/api/recommendations.csv?table=" + csv)]);
  }
  function table(columns, rows, id) {
    if (rows.length === 0) return el("p", { id: id }, [t.none]);
    return el("table", { id: id }, [
      el("thead", {}, [el("tr", {}, columns.map(function (c) { return el("th", {}, [c]); }))]),
      el("tbody", {}, rows.map(function (r) { return el("tr", {}, r.map(function (c) { return cell(String(c)); })); })),
    ]);
  }
  var format = window.memnunFormat.create(t.timeZone);
  var show = format.show;
  var when = format.when;
  // a chart, named for screen readers by `label` (what it shows, with its figures or where its table is)
  function chart(id, config, label) {
    var canvas = el("canvas", { id: id, role: "img", "aria-label": label });
    setTimeout(function () { new window.Chart(canvas, config); }, 0);
    return canvas;
  }
  // a chart's name: its title and its figures as "label: value" pairs
  function chartLabel(title, pairs) {
    return title + ": " + pairs.map(function (p) { return p[0] + ": " + p[1]; }).join(", ");
  }

  // an unusable range: the page already says why
  if (range.error) {
    document.body.setAttribute("data-ready", "error");
    return;
  }
  var report;
  try {
    var response = await fetch("/api/report" + query(), { credentials: "same-origin" });
    if (response.status === 400) {
      status.textContent = (await response.json()).message || t.failed;
      status.className = "error";
      document.body.setAttribute("data-ready", "error");
      return;
    }
    if (!response.ok) throw new Error("report " + response.status);
    report = await response.json();
  } catch (error) {
    status.textContent = t.failed;
    return;
  }
  main.textContent = "";
  function channelName(id) { return Object.prototype.hasOwnProperty.call(t.channelNames, id) ? t.channelNames[id] : id; }

  function kpi(id, label, value, note) {
    return el("div", { class: "kpi", id: id }, [el("strong", {}, [value]), el("span", {}, [label + (note ? " · " + note : "")])]);
  }
  var shown = t.rangeShown
    .replace("{since}", range.since || range.until ? range.since || t.openEnded : t.allTime)
    .replace(" – {until}", range.since || range.until ? " – " + (range.until || t.openEnded) : "")
    .replace("{timeZone}", t.timeZone);
  main.appendChild(section(t.title, [el("p", { id: "range-shown" }, [shown]), el("div", { class: "kpis" }, [
    kpi("kpi-answers", t.answers, String(report.answers)),
    kpi("kpi-csat", t.csat, show(report.csat.percent, "%"), report.csat.responses + " " + t.responses),
    kpi("kpi-csat-average", t.csatAverage, show(report.csat.average)),
    kpi("kpi-response-rate", t.responseRate, report.responseRate === null ? "–" : show(Math.round(report.responseRate * 1000) / 10, "%")),
    kpi("kpi-nps", t.nps, show(report.nps.score), report.nps.responses + " " + t.responses),
    kpi("kpi-ces", t.ces, show(report.ces.average), report.ces.responses + " " + t.responses),
  ])], true));

  if (report.cases) {
    var c = report.cases;
    var link = el("a", { href: "/dashboard/cases" }, [t.casesOpen]);
    main.appendChild(section(t.cases, [el("div", { class: "kpis", id: "case-summary" }, [
      kpi("kpi-cases-opened", t.casesOpened, String(c.opened)),
      kpi("kpi-cases-resolved", t.casesResolved, String(c.resolved)),
      kpi("kpi-cases-overdue", t.casesOverdue, String(c.overdue)),
      kpi("kpi-cases-first-response", t.casesFirstResponse, show(c.medianFirstResponseHours)),
      kpi("kpi-cases-resolution", t.casesResolution, show(c.medianResolutionHours)),
      kpi("kpi-cases-low-ratings", t.casesFromLowRatings, show(c.lowRatingsToCases, "%"), c.lowRatings + " " + t.responses),
      kpi("kpi-cases-csat", t.casesCsat, show(c.csatOfCaseEntries, "%")),
    ]), el("p", {}, [link])], true, null, "cases"));
  }

  // every chart has a name (its figures, or where its table is) and a table beside it with the same figures
  var d = report.csat.distribution;
  var ratingRows = ["1", "2", "3", "4", "5"].map(function (r) { return [r, show(d[r])]; });
  main.appendChild(section(t.csatDistribution, [chart("chart-csat", {
    type: "bar",
    data: { labels: ["1", "2", "3", "4", "5"], datasets: [{ label: t.ratingsCount, data: [d["1"], d["2"], d["3"], d["4"], d["5"]], backgroundColor: ["#d9534f", "#f0ad4e", "#c8c8c8", "#8bc34a", "#2e7d32"] }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  }, chartLabel(t.csatDistribution, ratingRows.map(function (r) { return [t.ratingName.replace("{rating}", r[0]), r[1]]; }))),
  table(t.distributionColumns, ratingRows, "csat-distribution")]));
  var npsRows = [[t.promoters, show(report.nps.promoters)], [t.passives, show(report.nps.passives)], [t.detractors, show(report.nps.detractors)]];
  main.appendChild(section(t.npsBreakdown, [chart("chart-nps", {
    type: "doughnut",
    data: { labels: [t.promoters, t.passives, t.detractors], datasets: [{ data: [report.nps.promoters, report.nps.passives, report.nps.detractors], backgroundColor: ["#2e7d32", "#c8c8c8", "#d9534f"] }] },
  }, chartLabel(t.npsBreakdown, npsRows)), table(t.npsColumns, npsRows, "nps-breakdown")]));
  var cesRows = [[t.ces, show(report.ces.average)], [t.responseCount, show(report.ces.responses)]];
  main.appendChild(section(t.cesChart, [chart("chart-ces", {
    type: "bar",
    data: { labels: [t.ces], datasets: [{ label: t.ces, data: [report.ces.average || 0], backgroundColor: "#0b5cad" }] },
    options: { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { min: 1, max: 7 } } },
  }, chartLabel(t.cesChart, cesRows)), table(t.cesColumns, cesRows, "ces-figures")]));
  main.appendChild(section(t.trend + " · " + t.timeZone, [chart("chart-trend", {
    type: "line",
    data: { labels: report.trend.map(function (p) { return p.day; }), datasets: [{ label: t.csat, data: report.trend.map(function (p) { return p.csat; }), borderColor: "#0b5cad", tension: 0.2 }] },
    options: { scales: { y: { min: 0, max: 100 } } },
  }, t.trend + ": " + t.chartTableBelow), table(t.dailyColumns, report.trend.map(function (p) { return [p.day, p.responses, show(p.csat, "%")]; }), "trend")], true, "daily", "trend"));
  main.appendChild(section(t.weeks, [chart("chart-weeks", {
    type: "bar",
    data: { labels: report.weeks.map(function (w) { return w.week; }), datasets: [{ label: t.csat, data: report.weeks.map(function (w) { return w.csat; }), backgroundColor: "#0b5cad" }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { min: 0, max: 100 } } },
  }, t.weeks + ": " + t.chartTableBelow), table(t.weekColumns, report.weeks.map(function (w) { return [w.week, w.from, w.responses, show(w.csat, "%")]; }), "weeks")], true, "weekly", "weeks"));
  main.appendChild(section(t.channels, [table(t.channelColumns, report.channels.map(function (c) {
    return [channelName(c.channel), c.questions, c.unanswered, c.answers, c.ratings, show(c.csat, "%"), show(c.average)];
  }), "channels")], true, "by-channel", "channels"));
  main.appendChild(section(t.entries, [table(t.entryColumns, report.entries.map(function (e) {
    return [e.id, e.question === null ? t.deletedEntry : e.question, e.answers, e.ratings, show(e.csat, "%"), show(e.average)];
  }), "entries")], true, null, "entries"));
  main.appendChild(section(t.unanswered, [table(t.unansweredColumns, report.unanswered.map(function (u) {
    return [u.count, u.status === "ambiguous" ? t.statusAmbiguous : t.statusNone, u.question];
  }), "unanswered")], true, null, "unanswered"));
  main.appendChild(section(t.comments, [table(t.commentColumns, report.comments.map(function (c) {
    return [when(c.at), c.entryId, c.rating, c.text];
  }), "comments")], true, null, "comments"));
  try {
    var recommendationsResponse = await fetch("/api/recommendations", { credentials: "same-origin" });
    if (recommendationsResponse.ok) {
      var s = await recommendationsResponse.json();
      var alternateRows = [];
      s.alternates.forEach(function (entry) {
        entry.candidates.forEach(function (c) { alternateRows.push([entry.entryId, c.text, c.count]); });
      });
      main.appendChild(section(t.recommendations, [
        recommendationHeading(t.recommendedAlternates, "alternates"),
        table(t.alternateColumns, alternateRows, "recommended-alternates"),
        recommendationHeading(t.newEntryClusters, "new-entries"),
        table(t.clusterColumns, s.newEntries.map(function (c) { return [c.size, c.terms.join(", "), c.examples.join(" | ")]; }), "recommended-entries"),
        recommendationHeading(t.rewriteEntries, "rewrite"),
        table(t.rewriteColumns, s.rewrite.map(function (r) { return [r.entryId, r.ratings, show(r.csat, "%"), r.comments.join(" | ")]; }), "recommended-rewrites"),
      ], true, "recommendations"));
    }
  } catch (error) {
    // the report above is still useful without recommendations
  }
  document.body.setAttribute("data-ready", "true");
})();
