// The element builder both operator pages (dashboard.js, cases.js) use: attributes are set with
// setAttribute and every text becomes a text node, never innerHTML; and their table cells.
(function () {
  "use strict";
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  // A word this long is a pasted URL or an order number, not Turkish prose.
  var LONG_WORD = /\S{30,}/;
  // A table cell of text. A cell holding a long word gets the class "long-word", whose style lets
  // the word break anywhere: a table is as wide as its cells' longest words, and one URL made the
  // dashboard four times the window's width. Other cells keep their words whole.
  function cell(text, attrs) {
    var node = el("td", attrs, [text]);
    if (LONG_WORD.test(text)) node.classList.add("long-word");
    return node;
  }
  window.memnunDom = Object.freeze({ el: el, cell: cell });
})();
