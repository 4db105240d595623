// Progressive enhancement: hide the answer options unless the type is «Elección».
// Without JavaScript they stay visible and the form says when they do not apply.
(function () {
  var tipo = document.getElementById("id_tipo");
  var grupo = document.querySelector("[data-solo-eleccion]");
  if (!tipo || !grupo) return;
  function actualizar() {
    var conOpciones = Array.prototype.some.call(
      grupo.querySelectorAll("textarea"), function (t) { return t.value.trim(); }
    );
    grupo.hidden = tipo.value !== "eleccion" && !conOpciones;
  }
  tipo.addEventListener("change", actualizar);
  actualizar();
})();
