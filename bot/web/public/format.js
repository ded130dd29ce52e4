// The Turkish formats both operator pages (dashboard.js, cases.js) show, so that one moment or one
// figure reads the same on both: numbers as 45,5, percentages as %45,5 (the sign first), times in
// the configured zone (REPORT_TIMEZONE) followed by its name, never the stored UTC text.
(function (root) {
  "use strict";
  function create(timeZone) {
    var numbers = new Intl.NumberFormat("tr-TR", { maximumFractionDigits: 2 });
    var times = new Intl.DateTimeFormat("tr-TR", { timeZone: timeZone, dateStyle: "short", timeStyle: "short" });
    // a figure, "–" for none; the suffix "%" makes it a percentage
    function show(value, suffix) {
      if (value === null || value === undefined) return "–";
      return suffix === "%" ? "%" + numbers.format(value) : numbers.format(value) + (suffix || "");
    }
    // an ISO instant as a time of the zone: "7.12.2026 12:55 (Europe/Istanbul)"
    function when(iso) { return times.format(new Date(iso)) + " (" + timeZone + ")"; }
    return Object.freeze({ show: show, when: when });
  }
  root.memnunFormat = Object.freeze({ create: create });
})(window);
