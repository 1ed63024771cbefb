// The Mini App's launch page: send Telegram's initData (given in the URL's fragment) to the
// server, which checks its signature and opens a session, then go to the dashboard.
(function () {
  "use strict";
  var bloc = document.getElementById("mini-app");
  var etat = document.getElementById("mini-app-etat");
  var donnees = new URLSearchParams(window.location.hash.slice(1)).get("tgWebAppData");
  if (!bloc || !donnees) { return; }
  var corps = new URLSearchParams();
  corps.set("init_data", donnees);
  fetch(bloc.dataset.action, { method: "POST", body: corps, credentials: "same-origin" })
    .then(function (reponse) { return reponse.json().then(function (j) { return [reponse.ok, j]; }); })
    .then(function (r) {
      if (r[0] && r[1].aller) { window.location.replace(r[1].aller); }
      else { etat.textContent = bloc.dataset.erreur; }
    })
    .catch(function () { etat.textContent = bloc.dataset.erreur; });
})();
