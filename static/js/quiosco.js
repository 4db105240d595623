// Kiosk: go back to the first screen after a period without interaction.
// Any touch or key restarts the count (WCAG 2.2.1); without JavaScript a
// <noscript> meta refresh does the same job.
(function () {
  var zona = document.querySelector("[data-volver-a]");
  if (!zona) return;
  var url = zona.getAttribute("data-volver-a");
  var segundos = parseInt(zona.getAttribute("data-segundos") || "20", 10);
  var reloj;
  function programar() {
    clearTimeout(reloj);
    reloj = setTimeout(function () { window.location.assign(url); }, segundos * 1000);
  }
  ["pointerdown", "keydown", "touchstart"].forEach(function (evento) {
    document.addEventListener(evento, programar, { passive: true });
  });
  programar();
})();
