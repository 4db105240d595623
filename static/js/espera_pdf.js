// Waits for a PDF that a Celery task renders (templates/includes/espera_pdf.html).
// Asks the status endpoint a bounded number of times and, when the file is
// ready, puts the download link in the live region. Without JavaScript the page
// offers "Comprobar de nuevo", a plain reload: there is no timed refresh.
(function () {
  "use strict";
  document.querySelectorAll("[data-espera-pdf]").forEach(function (caja) {
    var url = caja.dataset.esperaPdf;
    var quedan = parseInt(caja.dataset.intentos, 10) || 60;
    var intervalo = parseInt(caja.dataset.intervalo, 10) || 2000;
    var estado = caja.querySelector("[data-espera-estado]");
    var etiqueta = caja.querySelector("[data-espera-etiqueta]");
    var texto = caja.querySelector("[data-espera-texto]");
    var comprobar = caja.querySelector("[data-espera-comprobar]");

    function terminar(datos) {
      etiqueta.textContent = datos.estado_texto || etiqueta.textContent;
      texto.textContent = datos.mensaje;
      if (datos.listo) {
        etiqueta.className = "etiqueta estado--ok";
        var enlace = document.createElement("a");
        enlace.className = "boton";
        enlace.href = datos.descarga;
        enlace.textContent = datos.texto_descarga;
        enlace.setAttribute("data-espera-descarga", "");
        estado.appendChild(document.createTextNode(" "));
        estado.appendChild(enlace);
        comprobar.hidden = true;
      } else {
        etiqueta.className = "etiqueta estado--mal";
      }
    }

    function seguir() {
      quedan -= 1;
      if (quedan > 0) {
        window.setTimeout(consultar, intervalo);
      } else {
        texto.textContent = caja.dataset.agotado;
      }
    }

    function consultar() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) throw new Error(String(r.status));
          return r.json();
        })
        .then(function (datos) {
          if (datos.listo || datos.estado === "error") {
            terminar(datos);
          } else {
            seguir();
          }
        })
        .catch(seguir);
    }

    texto.textContent = caja.dataset.comprobando;
    window.setTimeout(consultar, intervalo);
  });
})();
