// The element builder both operator pages (dashboard.js, cases.js) use: attributes are set with
// setAttribute and every text becomes a text node, never innerHTML.
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
  window.memnunDom = Object.freeze({ el: el });
})();
