// Polls the report's progress; without JavaScript the page refreshes itself (meta refresh).
(function () {
  "use strict";
  var caja = document.getElementById("estado-informe");
  if (!caja || caja.dataset.enCurso !== "1") return;
  function consultar() {
    fetch(caja.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (e) {
        document.getElementById("estado-texto").textContent = e.estado_texto;
        document.getElementById("estado-etapa").textContent = e.etapa;
        document.getElementById("estado-pct").textContent = e.progreso;
        document.getElementById("estado-barra").value = e.progreso;
        if (e.listo || e.interrumpido || e.estado === "error") { window.location.reload(); } else { setTimeout(consultar, 1500); }
      })
      .catch(function () { setTimeout(consultar, 4000); });
  }
  setTimeout(consultar, 1000);
})();
