// Progressive enhancement only: every page works without JavaScript.
(function () {
    "use strict";
    document.documentElement.classList.add("js");
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("primary-navigation");
    if (toggle && nav) {
        toggle.hidden = false;
        nav.setAttribute("data-open", "false");
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") === "true";
            toggle.setAttribute("aria-expanded", String(!open));
            nav.setAttribute("data-open", String(!open));
        });
    }
    // A form that failed comes back with its error summary focused (and so scrolled into view), so
    // keyboard and screen reader users land on the list of problems, each a link to its field.
    var summary = document.querySelector(".error-summary[tabindex]");
    if (summary) { summary.focus(); }
    // Filters apply only with their button (WCAG 3.2.2: changing a value never reloads the page). On
    // narrow screens they fold behind a disclosure button so the results come first; a form with an
    // error stays open. Without JavaScript the button stays hidden and the filters open.
    var narrow = window.matchMedia("(max-width: 56rem)");
    document.querySelectorAll(".filters-toggle[aria-controls]").forEach(function (button) {
        var panel = document.getElementById(button.getAttribute("aria-controls"));
        if (!panel) { return; }
        function show(open) {
            button.setAttribute("aria-expanded", String(open));
            panel.hidden = !open;
        }
        function fit() {
            button.hidden = !narrow.matches;
            show(!narrow.matches || panel.querySelector("[aria-invalid=true], .error-summary") !== null);
        }
        button.addEventListener("click", function () {
            show(button.getAttribute("aria-expanded") !== "true");
        });
        fit();
        narrow.addEventListener("change", fit);
    });
})();
