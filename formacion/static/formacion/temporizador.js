// Accessible quiz timer: the visible countdown is hidden from screen readers;
// a polite live region speaks only at 10, 5 and 1 minutes left. The server
// enforces the deadline, so the quiz works without this script.
(function () {
  var caja = document.getElementById("temporizador");
  if (!caja) return;
  var limite = new Date(caja.dataset.limite).getTime();
  var visible = document.getElementById("restante");
  var aviso = document.getElementById("aviso-tiempo");
  var hitos = [10, 5, 1];
  var dichos = {};
  function tic() {
    var ms = Math.max(0, limite - Date.now());
    var min = Math.floor(ms / 60000), seg = Math.floor((ms % 60000) / 1000);
    visible.textContent = "Quedan " + min + " min " + (seg < 10 ? "0" : "") + seg + " s.";
    hitos.forEach(function (h) {
      if (min < h && !dichos[h] && ms > 0) {
        dichos[h] = true;
        aviso.textContent = "Quedan menos de " + h + (h === 1 ? " minuto." : " minutos.");
      }
    });
    if (ms === 0) { aviso.textContent = "Se ha acabado el tiempo. Envía tus respuestas."; return; }
    setTimeout(tic, 1000);
  }
  hitos.forEach(function (h) { if ((limite - Date.now()) / 60000 < h) dichos[h] = true; });
  tic();
})();
