extension Assets {
    /// Keyboard shortcuts, the query's words marked on the page image, the review desk's
    /// keys and cursor, and the batches table refreshed while a batch runs. Text from the
    /// archive is only ever set as `textContent`, never as markup.
    static let script = #"""
"use strict";
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function typing(event) {
    var tag = event.target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  // Search: "/" to the box, j/k through the hits, Enter opens.
  var hits = Array.prototype.slice.call(document.querySelectorAll(".hit a"));
  var selected = -1;
  document.addEventListener("keydown", function (event) {
    if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    var box = document.querySelector(".searchbox input");
    if (event.key === "/" && box) { event.preventDefault(); box.focus(); box.select(); return; }
    if ((event.key === "j" || event.key === "k") && hits.length) {
      if (selected >= 0) hits[selected].classList.remove("selected");
      selected = Math.max(0, Math.min(hits.length - 1, selected + (event.key === "j" ? 1 : -1)));
      hits[selected].classList.add("selected");
      hits[selected].focus();
    }
  });

  // Document: boxes over the query's words, zoom, pages by arrow keys.
  var article = document.querySelector("article.document");
  if (article) {
    var id = article.dataset.document, page = Number(article.dataset.page), pages = Number(article.dataset.pages);
    var words = fold(article.dataset.query || "").split(/[^0-9a-z]+/).filter(function (w) { return w.length > 0; });
    var frame = document.getElementById("page"), boxes = document.getElementById("boxes"), zoom = 100;
    if (words.length) {
      fetch("/api/v1/documents/" + id + "/pages/" + page, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (view) {
          if (!view || !view.width) return;
          view.words.forEach(function (word) {
            var parts = fold(word.text).split(/[^0-9a-z]+/).filter(function (w) { return w.length > 0; });
            if (!parts.some(function (part) { return words.indexOf(part) >= 0; })) return;
            var box = document.createElement("div");
            box.className = "box";
            box.style.left = (100 * word.left / view.width) + "%";
            box.style.top = (100 * word.top / view.height) + "%";
            box.style.width = (100 * (word.right - word.left) / view.width) + "%";
            box.style.height = (100 * (word.bottom - word.top) / view.height) + "%";
            box.title = word.text;
            boxes.appendChild(box);
          });
          var first = boxes.querySelector(".box");
          if (first) first.scrollIntoView({ block: "center" });
        });
    }
    function setZoom(step) {
      zoom = Math.max(50, Math.min(400, zoom + step * 25));
      frame.style.width = zoom + "%";
    }
    document.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () { setZoom(Number(button.dataset.zoom)); });
    });
    document.addEventListener("keydown", function (event) {
      if (typing(event)) return;
      if (event.key === "+" || event.key === "=") setZoom(1);
      if (event.key === "-") setZoom(-1);
      var target = event.key === "ArrowRight" ? page + 1 : event.key === "ArrowLeft" ? page - 1 : 0;
      if (target >= 1 && target <= pages) {
        var params = new URLSearchParams(location.search);
        params.set("page", String(target));
        location.search = params.toString();
      }
    });
  }

  // Review desk: the cursor on the first field in doubt (on the gap of a number whose
  // digits are missing); Enter saves and opens the next, Ctrl+Enter confirms all.
  var form = document.getElementById("review-form");
  if (form) {
    var first = form.querySelector("input[data-doubt]") || form.querySelector("input[name]:not([type=hidden])");
    if (first) {
      first.focus();
      if (first.dataset.gap === "start") first.setSelectionRange(0, 0);
      else first.select();
    }
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        document.getElementById("confirm-all").click();
      }
    });
  }
  var start = document.getElementById("start-review");
  if (start) start.focus();

  // Batches: refresh the counts every 3 s while one runs.
  var table = document.getElementById("batches");
  if (table) {
    var names = { running: "Đang chạy", interrupted: "Bị ngắt", stopped: "Đã dừng", finished: "Xong" };
    var refresh = function () {
      fetch("/api/v1/batches?limit=30", { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          if (!answer) return;
          var running = false;
          answer.batches.forEach(function (run) {
            var row = table.querySelector('tr[data-run="' + run.id + '"]');
            if (!row) { if (run.state === "running") location.reload(); return; }
            running = running || run.state === "running";
            var done = run.stored + run.duplicates + run.unchanged + run.failed;
            var cells = { state: names[run.state] || run.state, done: done + " / " + run.inputs_found, stored: run.stored,
                          duplicates: run.duplicates, failed: run.failed,
                          rate: run.pages_per_minute === null ? "—" : run.pages_per_minute.toFixed(1),
                          left: run.seconds_remaining === null ? "—" : Math.round(run.seconds_remaining / 60) + " phút" };
            Object.keys(cells).forEach(function (key) {
              var cell = row.querySelector('[data-key="' + key + '"]');
              if (cell) cell.textContent = String(cells[key]);
            });
          });
          setTimeout(refresh, running ? 3000 : 15000);
        });
    };
    setTimeout(refresh, 3000);
  }
})();
"""#
}
