// Wagtail's admin starts its date pickers and inline panels with inline <script>s,
// which the Content-Security-Policy refuses. The templates in templates/wagtailadmin/
// leave each call as data (data-wagtail-inicio, data-id, data-opciones); this makes
// it, for the page and for any form Wagtail adds later (an inline panel's new child).
(function () {
  "use strict";
  var FUNCIONES = ["initDateChooser", "initTimeChooser", "initDateTimeChooser"];
  // Constructors: the inline panels and the choosers (wagtail.admin.widgets.chooser).
  var PANELES = [
    "InlinePanel", "MultipleChooserPanel",
    "Chooser", "PageChooser", "DocumentChooser", "ImageChooser", "SnippetChooser",
  ];

  function iniciarUno(el) {
    if (el.hasAttribute("data-wagtail-iniciado")) return;
    el.setAttribute("data-wagtail-iniciado", "");
    var nombre = el.getAttribute("data-wagtail-inicio");
    var opciones = JSON.parse(el.getAttribute("data-opciones") || "null");
    if (FUNCIONES.indexOf(nombre) !== -1 && typeof window[nombre] === "function") {
      window[nombre](el.getAttribute("data-id"), opciones);
    } else if (PANELES.indexOf(nombre) !== -1 && typeof window[nombre] === "function") {
      if (el.hasAttribute("data-id")) new window[nombre](el.getAttribute("data-id"), opciones);
      else new window[nombre](opciones);
    }
  }

  function iniciar(raiz) {
    if (raiz.matches && raiz.matches("[data-wagtail-inicio]")) iniciarUno(raiz);
    if (!raiz.querySelectorAll) return;
    Array.prototype.forEach.call(raiz.querySelectorAll("[data-wagtail-inicio]"), iniciarUno);
  }

  function alCargar() {
    iniciar(document);
    new MutationObserver(function (cambios) {
      cambios.forEach(function (cambio) {
        Array.prototype.forEach.call(cambio.addedNodes, function (nodo) {
          if (nodo.nodeType === 1) iniciar(nodo);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", alCargar);
  } else {
    alCargar();
  }
})();
